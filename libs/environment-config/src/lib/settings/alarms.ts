import { z } from 'zod';
import { satisfying, sectionSetting, setting, show, wholeNumber } from './rules';

const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;

const isEmailList = (value: unknown): value is string[] => Array.isArray(value) && value.every((email) => typeof email === 'string' && EMAIL.test(email));

/** A list of distinct addresses; a bad one is shown with the whole list, where the user sees it. */
function emailList() {
  const rule = 'a list of email addresses such as ["oncall@your-company.com"]';
  return satisfying(isEmailList, rule)
    .superRefine((emails, context) => {
      if (isEmailList(emails) && new Set(emails.map((email) => email.toLowerCase())).size !== emails.length) {
        context.addIssue({ code: 'custom', message: `names an address twice (got ${show(emails)})`, input: emails });
      }
    })
    .meta({ rule: `${rule}, each once` });
}

/** When the golden-signal alarms fire, and who hears of them. Every alarm notifies the environment's SNS topic on ALARM and on OK. */
export const alarmSettings = sectionSetting(
  {
    notifyEmails: setting(emailList(), [], "Addresses subscribed to the environment's alarm topic (each confirms by email once)"),
    errorsPerFiveMinutes: setting(wholeNumber(1, 1_000_000), 5, '5xx answers (API Gateway, ALB or targets) or Lambda errors in 5 minutes that raise an alarm'),
    p99LatencyMs: setting(wholeNumber(10, 900_000), 1000, "p99 latency that raises an alarm (API Gateway's, or the ALB's target response time)"),
    durationPercentOfTimeout: setting(wholeNumber(10, 100), 80, "Lambda: p99 duration, as a percentage of the function's timeout, that raises an alarm"),
    concurrencyPercentOfReserved: setting(
      wholeNumber(10, 100),
      80,
      'Lambda: concurrent executions, as a percentage of the reserved concurrency, that raise an alarm (only with reservedConcurrency)',
    ),
  },
  'The golden-signal alarms: when they fire, and who hears of them',
);

export type AlarmSettings = z.output<typeof alarmSettings>;
