const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/**
 * Bytes for people, pretty and exact: `272.41 MiB (285,638,968 bytes)`; below 1 KiB just `512 bytes`.
 * Binary units (1 KiB = 1024 bytes), as Redis' `*_human` fields and the AWS consoles use them.
 */
export function formatBytes(bytes: number): string {
  const exact = `${Math.round(bytes).toLocaleString('en-US')} bytes`;
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? exact : `${value.toFixed(2)} ${UNITS[unit]} (${exact})`;
}

/** A count with thousands separators and its unit: `12,040 objects`. */
export function formatCount(count: number, unit: string): string {
  return `${count.toLocaleString('en-US')} ${unit}`;
}
