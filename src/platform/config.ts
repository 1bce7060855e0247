import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** Folder of the embedded database; ignored when databaseUrl is set. */
  dataDir: string;
  databaseUrl: string | undefined;
  /** Load the demonstration region into an empty database. */
  demoData: boolean;
  /** Mark cookies Secure: on whenever the service sits behind TLS. */
  secureCookies: boolean;
  sessionIdleMinutes: number;
  logLevel: string;
  /** GOV.UK Notify for text reminders; null: reminders go to the in-service outbox only. */
  notify: { apiKey: string; smsTemplateId: string; baseUrl: string } | null;
  /** Minutes between reminder sweeps in the running service; 0 turns the scheduler off. */
  reminderSweepMinutes: number;
  /** Minutes between checks that the embedded database's tables are analysed and vacuumed (upkeep.ts); 0: never. */
  embeddedUpkeepMinutes: number;
}

export class ConfigError extends Error {}

/** Reads and validates the environment once, at start, so a bad setting stops the service with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (it is "${raw}")`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    problems.push(`${name} must be true or false (it is "${env[name]}")`);
    return fallback;
  };

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a PostgreSQL URL like postgres://user@host:5432/name');
  }
  const logLevel = env.LOG_LEVEL || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent');
  }
  const notify = notifySettings(env, problems);
  const config: Config = {
    port: int('PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    databaseUrl,
    demoData: bool('DEMO_DATA', true),
    secureCookies: bool('SECURE_COOKIES', env.NODE_ENV === 'production'),
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    logLevel,
    notify,
    reminderSweepMinutes: int('REMINDER_SWEEP_MINUTES', 5, 0, 24 * 60),
    embeddedUpkeepMinutes: int('EMBEDDED_UPKEEP_MINUTES', 1, 0, 24 * 60),
  };
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return config;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** NOTIFY_API_KEY ({key_name}-{service_id}-{secret_key}), NOTIFY_SMS_TEMPLATE_ID and NOTIFY_BASE_URL, checked together. */
function notifySettings(env: NodeJS.ProcessEnv, problems: string[]): Config['notify'] {
  const apiKey = env.NOTIFY_API_KEY?.trim();
  if (!apiKey) return null;
  const templateId = env.NOTIFY_SMS_TEMPLATE_ID?.trim() ?? '';
  const baseUrl = env.NOTIFY_BASE_URL?.trim() || 'https://api.notifications.service.gov.uk';
  if (!new RegExp(`^.+-${UUID}-${UUID}$`, 'i').test(apiKey)) {
    problems.push('NOTIFY_API_KEY must be a GOV.UK Notify API key: {key_name}-{service_id}-{secret_key}, the last two each a UUID');
  }
  if (!new RegExp(`^${UUID}$`, 'i').test(templateId)) problems.push('NOTIFY_SMS_TEMPLATE_ID must be the id (a UUID) of a Notify text message template when NOTIFY_API_KEY is set');
  if (!/^https?:\/\/[^\s]+$/.test(baseUrl)) problems.push('NOTIFY_BASE_URL must be an http(s) URL, like https://api.notifications.service.gov.uk');
  return { apiKey, smsTemplateId: templateId, baseUrl };
}
