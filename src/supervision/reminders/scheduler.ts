/** Which adapter the configuration chooses, and the running service's sweep every few minutes. */
import type { Config } from '../../platform/config.ts';
import { repeatEvery } from '../../platform/repeat.ts';
import type { Db } from '../../database.ts';
import { OutboxAdapter, type NotificationAdapter } from './adapter.ts';
import { NotifyAdapter } from './notify.ts';
import { pollStatuses, sweep } from './sender.ts';

/** GOV.UK Notify when an API key is configured; otherwise the in-service outbox. */
export function adapterFor(notify: Config['notify']): NotificationAdapter {
  return notify ? new NotifyAdapter({ apiKey: notify.apiKey, templateId: notify.smsTemplateId, baseUrl: notify.baseUrl }) : new OutboxAdapter();
}

/** Runs a sweep (and a delivery status check) every `minutes`; returns stop, which waits for a sweep under way. */
export function startReminderScheduler(db: Db, adapter: NotificationAdapter, minutes: number, log: (line: string) => void): () => Promise<void> {
  return repeatEvery(minutes, 5_000, async () => {
    const result = await sweep(db, adapter);
    const polled = await pollStatuses(db, adapter);
    if (result.queued || result.sent || result.retrying || result.failed || result.permanentFailures || polled.checked) {
      log(`Reminders: ${result.queued} queued, ${result.sent} sent, ${result.retrying} to retry, ${result.failed + result.permanentFailures} failed, ${result.cancelled} cancelled; ${polled.delivered} delivered`);
    }
  }, (error) => log(`Reminders: the sweep failed and will run again: ${error.message}`));
}
