/**
 * The format check for prompt uploads. UCCX plays prompts as 8 kHz, 8-bit,
 * mono G.711 (mu-law or A-law) WAVE files; anything else would be accepted
 * by the file system but sound wrong or fail in the IVR, so it is refused
 * before it is queued, with the reason in words.
 */
export interface WavFormat {
  formatTag: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  dataBytes: number;
}

const FORMAT_NAMES: Record<number, string> = { 1: 'PCM', 6: 'G.711 A-law', 7: 'G.711 mu-law' };

/** Read the fmt and data chunks of a RIFF/WAVE file; null when it is not one. */
export function readWavFormat(bytes: Uint8Array): WavFormat | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (offset: number) => String.fromCharCode(bytes[offset]!, bytes[offset + 1]!, bytes[offset + 2]!, bytes[offset + 3]!);
  if (bytes.length < 12 || ascii(0) !== 'RIFF' || ascii(8) !== 'WAVE') return null;
  let offset = 12;
  let format: Omit<WavFormat, 'dataBytes'> | null = null;
  let dataBytes: number | null = null;
  while (offset + 8 <= bytes.length) {
    const id = ascii(offset);
    const size = view.getUint32(offset + 4, true);
    if (id === 'fmt ' && offset + 8 + 16 <= bytes.length) {
      format = {
        formatTag: view.getUint16(offset + 8, true),
        channels: view.getUint16(offset + 10, true),
        sampleRate: view.getUint32(offset + 12, true),
        bitsPerSample: view.getUint16(offset + 22, true),
      };
    } else if (id === 'data') {
      dataBytes = Math.min(size, bytes.length - offset - 8);
    }
    offset += 8 + size + (size % 2);
  }
  return format && dataBytes !== null ? { ...format, dataBytes } : null;
}

/** null when the file is a prompt UCCX can play, else why not. */
export function checkPromptWav(bytes: Uint8Array): string | null {
  const format = readWavFormat(bytes);
  if (!format) return 'This is not a WAVE (.wav) audio file.';
  const problems: string[] = [];
  if (format.formatTag !== 7 && format.formatTag !== 6) problems.push(`${FORMAT_NAMES[format.formatTag] ?? `format ${format.formatTag}`} encoding (needs G.711 mu-law or A-law)`);
  if (format.sampleRate !== 8000) problems.push(`${format.sampleRate} Hz (needs 8000 Hz)`);
  if (format.channels !== 1) problems.push(`${format.channels} channels (needs mono)`);
  if (format.bitsPerSample !== 8) problems.push(`${format.bitsPerSample}-bit samples (needs 8-bit)`);
  if (format.dataBytes === 0) problems.push('no audio');
  return problems.length ? `UCCX cannot play this prompt: ${problems.join(', ')}.` : null;
}
