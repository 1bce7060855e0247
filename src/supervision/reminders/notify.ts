/**
 * GOV.UK Notify's REST API (https://docs.notifications.service.gov.uk/rest-api.html), written against
 * its documentation with node:crypto, no client library:
 *  - the API key is `{key_name}-{service_id}-{secret_key}`, the last two each a UUID (36 characters);
 *  - every request carries `Authorization: Bearer <JWT>`, a JWT signed HS256 with the secret key, with
 *    claims iss = service id and iat = now in epoch seconds (Notify refuses one more than 30 s out, so
 *    a fresh token is made per request);
 *  - a text is POST /v2/notifications/sms {phone_number, template_id, personalisation, reference} -> 201 {id};
 *  - its delivery status is GET /v2/notifications/{id} -> 200 {status}.
 */
import { createHmac } from 'node:crypto';
import { PermanentFailure, TemporaryFailure, type DeliveryReport, type NotificationAdapter, type OutgoingText } from './adapter.ts';

export interface NotifyConfig { apiKey: string; templateId: string; baseUrl: string; timeoutMs?: number }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The service id and secret from an API key; throws with what is wrong (never quoting the key). */
export function parseNotifyApiKey(apiKey: string): { keyName: string; serviceId: string; secret: string } {
  const key = apiKey.trim();
  const secret = key.slice(-36);
  const serviceId = key.slice(-73, -37);
  const keyName = key.slice(0, -74);
  if (key.length < 75 || key.at(-37) !== '-' || key.at(-74) !== '-' || !UUID.test(secret) || !UUID.test(serviceId)) {
    throw new Error('NOTIFY_API_KEY must be a GOV.UK Notify API key: {key_name}-{service_id}-{secret_key}, the last two each a UUID');
  }
  return { keyName, serviceId, secret };
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** A Notify bearer token: HS256 over base64url(header).base64url(claims) with the key's secret. */
export function notifyJwt(serviceId: string, secret: string, now: Date = new Date()): string {
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
  const claims = base64url(JSON.stringify({ iss: serviceId, iat: Math.floor(now.getTime() / 1000) }));
  const signature = createHmac('sha256', secret).update(`${header}.${claims}`).digest('base64url');
  return `${header}.${claims}.${signature}`;
}

/** Notify's error body: {status_code, errors: [{error, message}]}. */
async function notifyError(response: Response): Promise<string> {
  const body = await response.text().catch(() => '');
  try {
    const parsed = JSON.parse(body) as { errors?: { error?: string; message?: string }[] };
    const messages = (parsed.errors ?? []).map((e) => `${e.error ?? 'Error'}: ${e.message ?? ''}`.trim());
    if (messages.length) return `Notify answered ${response.status}: ${messages.join('; ')}`.slice(0, 900);
  } catch { /* not JSON: fall through */ }
  return `Notify answered ${response.status}${body ? `: ${body.slice(0, 200)}` : ''}`;
}

export class NotifyAdapter implements NotificationAdapter {
  readonly provider = 'notify' as const;
  private readonly serviceId: string;
  private readonly secret: string;
  private readonly baseUrl: string;

  constructor(private readonly config: NotifyConfig) {
    const { serviceId, secret } = parseNotifyApiKey(config.apiKey);
    this.serviceId = serviceId;
    this.secret = secret;
    this.baseUrl = config.baseUrl.replace(/\/+$/, '');
  }

  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    try {
      return await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${notifyJwt(this.serviceId, this.secret)}`,
          accept: 'application/json',
          'user-agent': 'throughline-reminders',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new TemporaryFailure(`Could not reach Notify: ${(error as Error).message}`);
    }
  }

  async send(message: OutgoingText): Promise<{ reference: string }> {
    const response = await this.request('POST', '/v2/notifications/sms', {
      phone_number: message.phone,
      template_id: this.config.templateId,
      personalisation: { message: message.text, ...message.personalisation },
      reference: `reminder-${message.id}`,
    });
    if (response.status === 201) {
      const created = (await response.json().catch(() => ({}))) as { id?: unknown };
      if (typeof created.id !== 'string' || !created.id) throw new TemporaryFailure('Notify answered 201 without a notification id');
      return { reference: created.id };
    }
    // 400: the number or the request is refused (a retry would be refused too). 403 (bad key or
    // clock), 429 (rate limits) and 5xx may pass: retried, and failed after the last attempt.
    if (response.status === 400) throw new PermanentFailure(await notifyError(response));
    throw new TemporaryFailure(await notifyError(response));
  }

  async status(reference: string): Promise<DeliveryReport> {
    if (!UUID.test(reference)) throw new PermanentFailure(`${reference} is not a Notify notification id`);
    const response = await this.request('GET', `/v2/notifications/${reference}`);
    if (response.status !== 200) {
      const message = await notifyError(response);
      throw response.status === 404 || response.status === 400 ? new PermanentFailure(message) : new TemporaryFailure(message);
    }
    const body = (await response.json().catch(() => ({}))) as { status?: unknown };
    if (typeof body.status !== 'string') throw new TemporaryFailure('Notify answered without a status');
    return { status: body.status };
  }
}
