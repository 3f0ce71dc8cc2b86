import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Construct } from 'constructs';

export interface DomainCertificateProps {
  domainName: string;
  /** A public hosted zone holding the domain: the certificate is then created here and validated by DNS. */
  hostedZoneName?: string;
  /** Or an existing certificate's ARN, used as it is. */
  certificateArn?: string;
}

/** What a custom domain's DNS record points at: a load balancer or an API Gateway domain. */
export interface AliasTarget {
  dnsName: string;
  zoneId: string;
}

/**
 * The certificate for a custom domain: created and DNS-validated in the named
 * Route 53 zone (the ARN then resolves only once ACM has issued it, so a
 * listener never gets a pending certificate), or taken from a given ARN.
 */
export class DomainCertificate extends Construct {
  readonly certificateArn: string;
  private readonly zone?: DataAwsRoute53Zone;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: DomainCertificateProps,
  ) {
    super(scope, id);
    if (props.hostedZoneName === undefined) {
      if (props.certificateArn === undefined) throw new Error('DomainCertificate needs hostedZoneName or certificateArn');
      this.certificateArn = props.certificateArn;
      return;
    }
    this.zone = new DataAwsRoute53Zone(this, 'zone', { name: props.hostedZoneName, privateZone: false });
    const certificate = new AcmCertificate(this, 'certificate', {
      domainName: props.domainName,
      validationMethod: 'DNS',
      lifecycle: { createBeforeDestroy: true },
    });
    // One domain, so one validation record.
    const validation = certificate.domainValidationOptions.get(0);
    const record = new Route53Record(this, 'validation-record', {
      zoneId: this.zone.zoneId,
      name: validation.resourceRecordName,
      type: validation.resourceRecordType,
      records: [validation.resourceRecordValue],
      ttl: 300,
      allowOverwrite: true,
    });
    this.certificateArn = new AcmCertificateValidation(this, 'validation', {
      certificateArn: certificate.arn,
      validationRecordFqdns: [record.fqdn],
    }).certificateArn;
  }

  /** Points the domain at the API, when the stack manages its zone; with a given certificate ARN, DNS is yours. */
  aliasTo(target: AliasTarget): void {
    if (!this.zone) return;
    new Route53Record(this, 'alias', {
      zoneId: this.zone.zoneId,
      name: this.props.domainName,
      type: 'A',
      alias: { name: target.dnsName, zoneId: target.zoneId, evaluateTargetHealth: true },
    });
  }
}
