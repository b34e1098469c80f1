/** The part of an AWS SDK v3 client a view needs: `send(command, options)`. */
interface Sender {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any client's command and output types
  send(command: any, options?: any): Promise<any>;
}

/**
 * `client` as seen by one run: every `send` carries `{ abortSignal: signal }` (unless the call passes its own
 * options), so a call abandoned at the run's deadline is aborted (the socket is destroyed) instead of going on.
 * The view inherits from `client` (same config, middleware, connection pool; `instanceof` holds, so the SDK's
 * paginators accept it). Without a signal it is `client` itself.
 * Source: https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/Package/-smithy-types/Interface/HttpHandlerOptions/
 */
export function abortableClient<C extends Sender>(client: C, signal: AbortSignal | undefined): C {
  if (!signal) return client;
  const view: C = Object.create(client);
  view.send = (command: unknown, options?: object) => client.send(command, { abortSignal: signal, ...options });
  return view;
}
