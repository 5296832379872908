import { describe, expect, it } from 'vitest';
import { lambdaContext } from './lambda-context.js';

describe('lambdaContext', () => {
  it('names the function in its ARN and log group, with the time a test never runs out of', () => {
    const context = lambdaContext('project-letters');

    expect(context).toMatchObject({
      functionName: 'project-letters',
      invokedFunctionArn: 'arn:aws:lambda:eu-north-1:123456789012:function:project-letters',
      logGroupName: '/aws/lambda/project-letters',
    });
    expect(context.getRemainingTimeInMillis()).toBe(5000);
  });

  it('counts the remaining time down from the timeout on the clock it is given', () => {
    let now = 1_000;
    const context = lambdaContext('migrate', { timeoutSeconds: 30, now: () => now, region: 'local', accountId: '000000000000' });

    now += 29_000;

    expect(context.getRemainingTimeInMillis()).toBe(1_000);
    expect(context.invokedFunctionArn).toBe('arn:aws:lambda:local:000000000000:function:migrate');
    now += 5_000;
    expect(context.getRemainingTimeInMillis()).toBe(0);
  });
});
