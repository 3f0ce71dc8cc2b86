import { z } from 'zod';
import { optionalSetting, section, text } from './rules';

const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
export const CERTIFICATE_ARN = /^arn:aws(-[a-z]+)*:acm:([a-z0-9-]+):\d{12}:certificate\/[0-9a-f-]{36}$/;

/** A custom domain, with its certificate from exactly one of two places (cross-field-rules.ts). */
export const domainSettings = section({
  domainName: text(HOST, 'a lower-case host name such as api.example.com').meta({ description: "The API's host name, e.g. api.example.com" }),
  hostedZoneName: optionalSetting(
    text(HOST, 'a lower-case zone name such as example.com'),
    'A public Route 53 zone in the account that holds the domain: the stack creates and validates the certificate and points the domain at the API',
  ),
  certificateArn: optionalSetting(
    text(CERTIFICATE_ARN, 'an ACM certificate ARN such as arn:aws:acm:<region>:<account-id>:certificate/<uuid>'),
    "Or an ACM certificate you have, in the environment's region; you then point the domain's DNS at the API yourself",
  ),
});

export type DomainConfig = z.output<typeof domainSettings>;
