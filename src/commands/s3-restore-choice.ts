import type { ObjectVersionEntry } from '../integrations/s3/s3-operations.js';
import { UserError } from '../pipeline/user-error.js';

/** How a key comes back: remove the delete marker on top, or copy an older version over the current one. */
export type RestoreChoice =
  | { action: 'remove-delete-marker'; markerVersionId: string; restores: string }
  | { action: 'copy-version'; sourceVersionId: string; storageClass?: string };

/** CopyObject copies at most 5 GiB in one call. Source: https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html */
const COPY_LIMIT_BYTES = 5 * 1024 ** 3;
const ARCHIVED = new Set(['GLACIER', 'DEEP_ARCHIVE']);

function copyOf(address: string, version: ObjectVersionEntry): RestoreChoice {
  const id = version.VersionId ?? 'null';
  if (version.StorageClass && ARCHIVED.has(version.StorageClass)) {
    throw new UserError(
      'precondition',
      `Version ${id} of ${address} is in ${version.StorageClass}: restore it from the archive first (RestoreObject), then run this again.`,
    );
  }
  if ((version.Size ?? 0) > COPY_LIMIT_BYTES)
    throw new UserError(
      'precondition',
      `Version ${id} of ${address} is larger than the 5 GiB one CopyObject can copy.`,
    );
  return {
    action: 'copy-version',
    sourceVersionId: id,
    ...(version.StorageClass ? { storageClass: version.StorageClass } : {}),
  };
}

/**
 * Decides how `s3 restore` brings `address` back, from its versions and delete markers (newest first):
 * with the latest a delete marker over a version (and no other version asked for), that marker is removed;
 * otherwise the asked version, or the newest one before the current, is copied over the current one.
 *
 * @returns the choice and the version id that is latest now (what the approval is bound to).
 * @throws UserError (`precondition`) when there is nothing to restore, the version is unknown, a delete
 *   marker, already current, archived, or too large to copy in one call.
 */
export function chooseRestore(
  address: string,
  entries: ObjectVersionEntry[],
  wanted?: string,
): { latest: string; choice: RestoreChoice } {
  const latest = entries.find((entry) => entry.IsLatest) ?? entries[0];
  if (!latest)
    throw new UserError(
      'precondition',
      `${address} has no versions: nothing to restore (is versioning on? see \`s3 versions\`).`,
    );
  const below = entries.filter((entry) => entry !== latest);
  const latestId = latest.VersionId ?? 'null';
  const removeMarker = (restores: ObjectVersionEntry) => ({
    action: 'remove-delete-marker' as const,
    markerVersionId: latestId,
    restores: restores.VersionId ?? 'null',
  });
  if (wanted !== undefined) {
    const target = entries.find((entry) => entry.VersionId === wanted);
    if (!target) throw new UserError('precondition', `${address} has no version \`${wanted}\` (see \`s3 versions\`).`);
    if (target.kind === 'delete marker')
      throw new UserError('precondition', `\`${wanted}\` is a delete marker of ${address}, not a version to restore.`);
    if (target === latest)
      throw new UserError('precondition', `\`${wanted}\` is already the current version of ${address}. Nothing to do.`);
    const choice =
      latest.kind === 'delete marker' && below[0] === target ? removeMarker(target) : copyOf(address, target);
    return { latest: latestId, choice };
  }
  if (latest.kind === 'delete marker' && below[0]?.kind === 'version')
    return { latest: latestId, choice: removeMarker(below[0]) };
  const previous = below.find((entry) => entry.kind === 'version');
  if (!previous) {
    throw new UserError(
      'precondition',
      latest.kind === 'delete marker'
        ? `${address} has only delete markers: no version to bring back.`
        : `${address} has only its current version: nothing earlier to restore.`,
    );
  }
  return { latest: latestId, choice: copyOf(address, previous) };
}
