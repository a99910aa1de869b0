// The type of an uploaded file from its first bytes (magic numbers), never from its name or the
// client's Content-Type: a renamed executable is refused, a mislabelled image is stored as what it is.
export const ALLOWED_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
} as const;

export type AllowedKind = keyof typeof ALLOWED_TYPES;

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

export function sniffType(bytes: Uint8Array): AllowedKind | undefined {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  return undefined;
}

/** The extension a file name claims, as one of ours (`jpg` is a JPEG). */
export function claimedKind(filename: string): AllowedKind | undefined {
  const ext = filename.split('.').pop()?.toLowerCase() ?? '';
  return ext === 'pdf' ? 'pdf' : ext === 'png' ? 'png' : ext === 'jpg' || ext === 'jpeg' ? 'jpeg' : undefined;
}
