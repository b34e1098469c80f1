/**
 * Options every AWS SDK client is built with: the configured region, the standard retry mode with
 * bounded attempts, and timeouts on every attempt, so a slow or hung AWS answers in seconds, not minutes:
 * `connectionTimeout` (ms to open the socket), `requestTimeout` (ms until the response headers arrive) and
 * `throwOnRequestTimeout: true`, without which @smithy/node-http-handler (4.x) only logs a warning when
 * `requestTimeout` passes and keeps waiting (an endpoint that accepts and never answers hung a command for
 * 11 minutes). Inside a command the run's `abortSignal` ends a call sooner, at the command's deadline
 * (see `abortableClient`). `AWS_ENDPOINT_URL` (and `AWS_ENDPOINT_URL_<SERVICE>`) is honoured by the SDK
 * itself, which lets the product point at an emulator.
 * Sources: https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html,
 * https://github.com/smithy-lang/smithy-typescript/blob/main/packages/node-http-handler/src/node-http-handler.ts
 */
export function awsClientOptions(region: string) {
  return {
    region,
    retryMode: 'standard',
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000, throwOnRequestTimeout: true },
  } as const;
}
