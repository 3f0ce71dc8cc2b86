import { xrayTraceIdOf } from './xray-trace-id';

describe('xrayTraceIdOf', () => {
  const header = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';

  it("reads the trace's Root from _X_AMZN_TRACE_ID, where Lambda's runtime puts it", () => {
    expect(xrayTraceIdOf({}, { _X_AMZN_TRACE_ID: header })).toBe('1-5759e988-bd862e3fe1be46a994272793');
  });

  it('prefers the context, where a runtime offers the header there', () => {
    expect(xrayTraceIdOf({ xRayTraceId: 'Root=1-00000000-000000000000000000000001' }, { _X_AMZN_TRACE_ID: header })).toBe(
      '1-00000000-000000000000000000000001',
    );
  });

  it.each([[undefined], [''], ['Parent=53995c3f42cd8ad8'], ['Root=1-x"}\n{"forged":1']])('has none for %p', (value) => {
    expect(xrayTraceIdOf(undefined, value === undefined ? {} : { _X_AMZN_TRACE_ID: value })).toBeUndefined();
  });
});
