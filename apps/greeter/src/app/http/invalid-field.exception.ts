import { BadRequestException } from '@nestjs/common';

/** A 400 that names the field at fault and the rule it broke. */
export class InvalidFieldException extends BadRequestException {
  constructor(
    readonly field: string,
    rule: string,
  ) {
    super(`${field} ${rule}`);
  }
}
