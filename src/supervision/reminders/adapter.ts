/**
 * Where reminders go. The sender knows only this interface: the default outbox (kept in the service,
 * read by staff on /reminders/outbox) or GOV.UK Notify (notify.ts), chosen by configuration.
 */
import type { ReminderProvider } from './tables.ts';

export interface OutgoingText {
  /** Our reminder's id: Notify keeps it as the message's reference. */
  id: number;
  /** E.164, +447... */
  phone: string;
  text: string;
  /** The parts of the text, for a Notify template that lays them out itself. */
  personalisation: Record<string, string>;
}

/** The provider may succeed on another try (network down, 5xx, rate limited): the reminder stays pending. */
export class TemporaryFailure extends Error {
  override name = 'TemporaryFailure';
}
/** Trying again cannot help (the provider refused the number or the message): recorded and shown. */
export class PermanentFailure extends Error {
  override name = 'PermanentFailure';
}

export interface DeliveryReport {
  /** Notify's status word: created, sending, pending, sent, delivered, permanent-failure, temporary-failure, technical-failure. */
  status: string;
}

export interface NotificationAdapter {
  readonly provider: ReminderProvider;
  /** Hands the text over; returns the provider's reference, or throws TemporaryFailure/PermanentFailure. */
  send(message: OutgoingText): Promise<{ reference: string }>;
  /** The provider's latest delivery status, when it reports one (the outbox does not). */
  status?(reference: string): Promise<DeliveryReport>;
}

/** The default: the text is recorded in the service's outbox (the reminder_messages row) and nothing leaves. */
export class OutboxAdapter implements NotificationAdapter {
  readonly provider = 'outbox' as const;
  async send(message: OutgoingText): Promise<{ reference: string }> {
    return { reference: `outbox-${message.id}` };
  }
}
