export type OutgoingMessage = { channel: 'email' | 'sms'; recipient: string; subject: string; body: string };

/** Hands a message to the outside world; throws when it was not accepted (the worker retries). */
export type NotificationAdapter = { name: string; send(message: OutgoingMessage): Promise<void> };

/**
 * The default: nothing leaves the machine, the message stays readable in the outbox (development, tests, and
 * deployments that have no gateway yet, where staff read the outbox).
 */
export const recordingAdapter: NotificationAdapter = { name: 'record', async send() {} };

/**
 * Posts each message as JSON to a gateway (the usual shape of Vietnamese SMS brand-name and e-mail relay
 * services); any answer other than 2xx is a failure to retry.
 */
export function webhookAdapter(url: string, timeoutMs = 10_000): NotificationAdapter {
  return {
    name: 'webhook',
    async send(message) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) throw new Error(`gateway answered ${res.status}`);
    },
  };
}
