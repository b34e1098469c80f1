/**
 * Options every AWS SDK client is built with: the configured region, the standard retry mode with
 * bounded attempts, and timeouts on every call, so a slow AWS answers in seconds, not minutes.
 * `AWS_ENDPOINT_URL` (and `AWS_ENDPOINT_URL_<SERVICE>`) is honoured by the SDK itself, which lets the
 * product point at an emulator. Source: https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
 */
export function awsClientOptions(region: string) {
  return {
    region,
    retryMode: 'standard',
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000 },
  } as const;
}
