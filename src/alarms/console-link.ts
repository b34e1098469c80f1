/**
 * The CloudWatch console page of an alarm, for `region` (a region code, from the `AlarmArn`). The name
 * goes in the fragment percent-encoded, so `/`, spaces, `#` and `&` stay part of it. China and GovCloud
 * regions have their own console hosts. `undefined` when the region is unknown.
 * Source: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/ConsoleAlarms.html
 */
export function alarmConsoleUrl(region: string | undefined, alarmName: string): string | undefined {
  if (!region || !/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region)) return undefined;
  const host = region.startsWith('cn-')
    ? `${region}.console.amazonaws.cn`
    : region.startsWith('us-gov-')
      ? `${region}.console.amazonaws-us-gov.com`
      : `${region}.console.aws.amazon.com`;
  return `https://${host}/cloudwatch/home?region=${region}#alarmsV2:alarm/${encodeURIComponent(alarmName)}`;
}
