/**
 * The format check for prompt uploads. UCCX plays prompts as 8 kHz, 8-bit,
 * mono G.711 (µ-law or A-law) WAVE files; anything else would be stored but
 * sound wrong or fail in the IVR, so main refuses it before it is queued,
 * saying what the file is and what UCCX needs. The renderer runs the same
 * check as soon as a file is chosen.
 */
export interface WavFormat {
  formatTag: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  dataBytes: number;
}

const ENCODING_NAMES: Record<number, string> = { 1: 'PCM', 3: 'floating-point PCM', 6: 'A-law', 7: 'µ-law', 0x55: 'MP3' };

/** What UCCX plays, in the words every refusal ends with. */
export const PROMPT_FORMAT_NEEDED = 'UCCX needs 8 kHz, 8-bit µ-law or A-law, mono';

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

/** "44.1 kHz 16-bit stereo PCM": a WAVE format in words. */
export function describeWavFormat(format: WavFormat): string {
  const kiloHertz = `${Number((format.sampleRate / 1000).toFixed(3))} kHz`;
  const channels = format.channels === 1 ? 'mono' : format.channels === 2 ? 'stereo' : `${format.channels}-channel`;
  const encoding = ENCODING_NAMES[format.formatTag] ?? `encoding ${format.formatTag}`;
  return `${kiloHertz} ${format.bitsPerSample}-bit ${channels} ${encoding}`;
}

/** null when the file is a prompt UCCX can play, else a sentence saying what it is and what UCCX needs. */
export function checkPromptWav(bytes: Uint8Array): string | null {
  const format = readWavFormat(bytes);
  if (!format) return `This is not a WAVE (.wav) audio file; ${PROMPT_FORMAT_NEEDED}.`;
  const playable = (format.formatTag === 7 || format.formatTag === 6) && format.sampleRate === 8000 && format.channels === 1 && format.bitsPerSample === 8;
  if (!playable) return `This file is ${describeWavFormat(format)}; ${PROMPT_FORMAT_NEEDED}.`;
  if (format.dataBytes === 0) return 'This file holds no audio.';
  return null;
}
