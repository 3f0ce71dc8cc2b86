import { awsEventFiles, loadAwsEvent } from './testing/aws-event-fixtures';
import { findHttpEventSource } from './index';

describe('findHttpEventSource', () => {
  it.each(awsEventFiles('apigw-v2-http', 'function-url').filter((f) => !f.includes('INVALID')))('reads %s as HTTP API v2', (file) => {
    expect(findHttpEventSource(loadAwsEvent(file))?.name).toMatch(/HTTP API \(payload 2\.0\)/);
  });

  it.each(awsEventFiles('apigw-v1-rest'))('reads %s as REST v1', (file) => {
    expect(findHttpEventSource(loadAwsEvent(file))?.name).toMatch(/REST API/);
  });

  it.each(awsEventFiles('alb', 'alb-multivalue'))('reads %s as ALB', (file) => {
    expect(findHttpEventSource(loadAwsEvent(file))?.name).toBe('Application Load Balancer');
  });

  it.each(awsEventFiles('apigw-v1-authorizer-REQUEST', 'apigw-v1-authorizer-TOKEN', 'apigw-v2-authorizer-REQUEST'))(
    'finds no HTTP request in the authorizer event %s',
    (file) => {
      expect(findHttpEventSource(loadAwsEvent(file))).toBeUndefined();
    },
  );

  it.each([null, undefined, 'text', 42, [], {}, { Records: [] }])('finds no HTTP request in %p', (event) => {
    expect(findHttpEventSource(event)).toBeUndefined();
  });
});
