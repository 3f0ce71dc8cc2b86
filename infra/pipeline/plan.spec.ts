import { summarizePlan } from './plan';

describe('the plan summary a pull request shows', () => {
  it('counts the changes and lists destroys and replacements first, flagged, with what each update changes', () => {
    const summary = summarizePlan({
      resource_changes: [
        { address: 'aws_cloudwatch_metric_alarm.errors', change: { actions: ['create'] } },
        {
          address: 'aws_launch_template.lt',
          change: { actions: ['update'], before: { image_id: 'ami-1', name: 'x' }, after: { image_id: 'ami-2', name: 'x' } },
        },
        { address: 'aws_lb.alb', change: { actions: ['delete', 'create'] } },
        { address: 'aws_s3_bucket.old', change: { actions: ['delete'] } },
        { address: 'data.aws_ssm_parameter.ami', change: { actions: ['read'] } },
        { address: 'aws_vpc.main', change: { actions: ['no-op'] } },
      ],
    });

    expect(summary).toBe(
      [
        '**1 to destroy, 1 to replace, 1 to update, 1 to create**',
        '',
        '- ⚠️ destroy `aws_s3_bucket.old`',
        '- ⚠️ replace `aws_lb.alb`',
        '- update `aws_launch_template.lt` (image_id)',
        '- create `aws_cloudwatch_metric_alarm.errors`',
        '',
      ].join('\n'),
    );
  });

  it('says so when nothing would change', () => {
    expect(summarizePlan({ resource_changes: [{ address: 'aws_vpc.main', change: { actions: ['no-op'] } }] })).toBe(
      'No changes: the environment already matches this commit.\n',
    );
  });
});
