import { TerraformOutput } from 'cdktf';
import { synthConstructs } from '../../test/synth';
import { DomainCertificate } from './domain-certificate';

const TARGET = { dnsName: 'lb-123.eu-west-1.elb.amazonaws.com', zoneId: 'Z32O12XQLNTSW2' };

describe('the certificate of a custom domain', () => {
  it('is created in the named zone, validated by DNS there, and the domain aliased to the target', () => {
    const stack = synthConstructs((scope) => {
      const certificate = new DomainCertificate(scope, 'cert', { domainName: 'api.example.test', hostedZoneName: 'example.test' });
      certificate.aliasTo(TARGET);
      new TerraformOutput(scope, 'arn', { value: certificate.certificateArn });
    });

    expect(Object.values(stack.json.data.aws_route53_zone)).toEqual([expect.objectContaining({ name: 'example.test', private_zone: false })]);
    expect(stack.resource('aws_acm_certificate')).toMatchObject({ domain_name: 'api.example.test', validation_method: 'DNS' });
    expect(stack.resource('aws_acm_certificate_validation')['validation_record_fqdns']).toEqual([expect.stringMatching(/validation-record.*\.fqdn/)]);
    const alias = stack.resources('aws_route53_record').find((r) => r['type'] === 'A')!;
    expect(alias).toMatchObject({ name: 'api.example.test', alias: { name: TARGET.dnsName, zone_id: TARGET.zoneId, evaluate_target_health: true } });
    // A listener or domain gets the ARN only once ACM has issued the certificate.
    expect(stack.json.output.arn.value).toMatch(/^\$\{aws_acm_certificate_validation\..*\.certificate_arn\}$/);
  });

  it('uses a given certificate as it is, and leaves DNS to its owner', () => {
    const given = 'arn:aws:acm:eu-west-1:111122223333:certificate/0f6a2c1e-8d1b-4c9e-9a51-3b2f7c4d5e6f';
    let arn = '';
    const stack = synthConstructs((scope) => {
      const certificate = new DomainCertificate(scope, 'cert', { domainName: 'api.example.test', certificateArn: given });
      certificate.aliasTo(TARGET);
      arn = certificate.certificateArn;
    });

    expect(arn).toBe(given);
    expect(stack.json.resource ?? {}).toEqual({});
  });

  it('refuses neither a zone nor a certificate', () => {
    expect(() => synthConstructs((scope) => new DomainCertificate(scope, 'cert', { domainName: 'api.example.test' }))).toThrow(
      /hostedZoneName or certificateArn/,
    );
  });
});
