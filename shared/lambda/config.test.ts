import { describe, expect, it } from 'vitest';
import { ConfigError, readEnv } from './config.js';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:workshop/analytics_reader-AbCdEf';

describe('readEnv DATABASE_ROLE_SECRETS', () => {
  it('accepts a JSON object of role name to Secrets Manager ARN', () => {
    const raw = JSON.stringify({ analytics_reader: ARN });

    const env = readEnv(['DATABASE_ROLE_SECRETS'], [], { DATABASE_ROLE_SECRETS: raw });

    expect(env).toEqual({ DATABASE_ROLE_SECRETS: raw });
  });

  it.each([
    ['not JSON', '{analytics_reader:'],
    ['an array', JSON.stringify([ARN])],
    ['a value that is no secret ARN', JSON.stringify({ analytics_reader: 'arn:aws:s3:::bucket' })],
    ['a role that is no PostgreSQL identifier', JSON.stringify({ 'Reader; DROP': ARN })],
  ])('refuses %s, naming the variable and the expected shape', (_case, raw) => {
    const read = () => readEnv(['DATABASE_ROLE_SECRETS'], [], { DATABASE_ROLE_SECRETS: raw });

    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/DATABASE_ROLE_SECRETS must be a JSON object of role name → Secrets Manager secret ARN/u);
  });
});

describe('readEnv GENERATED_KEY_SECRETS', () => {
  it('accepts a JSON object of purpose to Secrets Manager ARN', () => {
    const raw = JSON.stringify({ 'letter-id': ARN });

    expect(readEnv([], ['GENERATED_KEY_SECRETS'], { GENERATED_KEY_SECRETS: raw })).toEqual({ GENERATED_KEY_SECRETS: raw });
  });

  it.each([
    ['not JSON', '{letter-id:'],
    ['an array', JSON.stringify([ARN])],
    ['a value that is no secret ARN', JSON.stringify({ 'letter-id': 'letters' })],
    ['a purpose that is not kebab-case', JSON.stringify({ 'Letter Id': ARN })],
  ])('refuses %s, naming the variable and the expected shape', (_case, raw) => {
    const read = () => readEnv([], ['GENERATED_KEY_SECRETS'], { GENERATED_KEY_SECRETS: raw });

    expect(read).toThrow(/GENERATED_KEY_SECRETS must be a JSON object of purpose → Secrets Manager secret ARN/u);
  });
});

describe('readEnv POWERTOOLS_METRICS_NAMESPACE', () => {
  it('accepts a CloudWatch namespace and refuses one with spaces', () => {
    expect(readEnv(['POWERTOOLS_METRICS_NAMESPACE'], [], { POWERTOOLS_METRICS_NAMESPACE: 'SantasWorkshop' })).toEqual({
      POWERTOOLS_METRICS_NAMESPACE: 'SantasWorkshop',
    });
    expect(() => readEnv(['POWERTOOLS_METRICS_NAMESPACE'], [], { POWERTOOLS_METRICS_NAMESPACE: 'Santas Workshop' })).toThrow(
      /POWERTOOLS_METRICS_NAMESPACE must be a CloudWatch namespace/u,
    );
  });
});

describe('readEnv COMMANDS_PER_MINUTE', () => {
  it('accepts a whole number of commands', () => {
    expect(readEnv([], ['COMMANDS_PER_MINUTE'], { COMMANDS_PER_MINUTE: '60' })).toEqual({ COMMANDS_PER_MINUTE: '60' });
  });

  it.each(['0', '-1', '2.5', '100001', 'many'])('refuses %s, naming the variable', (raw) => {
    expect(() => readEnv([], ['COMMANDS_PER_MINUTE'], { COMMANDS_PER_MINUTE: raw })).toThrow(/COMMANDS_PER_MINUTE must be a whole number of commands from 1 to 100000/u);
  });
});

describe('readEnv RETENTION_DAYS', () => {
  it('accepts a whole number of days', () => {
    expect(readEnv([], ['RETENTION_DAYS'], { RETENTION_DAYS: '400' })).toEqual({ RETENTION_DAYS: '400' });
  });

  it.each(['0', '-1', '1.5', '3651', 'a season'])('refuses %s, naming the variable', (raw) => {
    expect(() => readEnv([], ['RETENTION_DAYS'], { RETENTION_DAYS: raw })).toThrow(/RETENTION_DAYS must be a whole number of days from 1 to 3650/u);
  });
});

describe('readEnv ANALYTICS_MIN_CHILDREN', () => {
  it('accepts a whole number of children, 1 showing everything', () => {
    expect(readEnv([], ['ANALYTICS_MIN_CHILDREN'], { ANALYTICS_MIN_CHILDREN: '1' })).toEqual({ ANALYTICS_MIN_CHILDREN: '1' });
    expect(readEnv([], ['ANALYTICS_MIN_CHILDREN'], { ANALYTICS_MIN_CHILDREN: '5' })).toEqual({ ANALYTICS_MIN_CHILDREN: '5' });
  });

  it.each(['0', '-5', '2.5', '1001', 'five', 'NaN'])('refuses %s, naming the variable', (raw) => {
    expect(() => readEnv([], ['ANALYTICS_MIN_CHILDREN'], { ANALYTICS_MIN_CHILDREN: raw })).toThrow(
      /ANALYTICS_MIN_CHILDREN must be a whole number of children from 1 to 1000/u,
    );
  });
});
