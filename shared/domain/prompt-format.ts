/**
 * The format check for prompt uploads. UCCX plays prompts as 8 kHz, 8-bit,
 * mono G.711 (µ-law or A-law) WAVE files; anything else would be stored but
 * sound wrong or fail in the IVR, so main refuses it before it is queued,
 * saying what the file is and what UCCX needs. The renderer runs the same
 * check as soon as a file is chosen, and says the problem in the user's
 * language from its message id (`promptWavProblem`).
 */
import type { MainMessage } from './main-message';

export interface WavFormat {
  formatTag: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  dataBytes: number;
}

/** WAVE format tags by name: `key` is the choice in the renderer's message, `name` the English word. */
const ENCODINGS: Record<number, { key: 'pcm' | 'float' | 'alaw' | 'mulaw' | 'mp3'; name: string }> = {
  1: { key: 'pcm', name: 'PCM' },
  3: { key: 'float', name: 'floating-point PCM' },
  6: { key: 'alaw', name: 'A-law' },
  7: { key: 'mulaw', name: 'µ-law' },
  0x55: { key: 'mp3', name: 'MP3' },
};

/** What UCCX plays, in the words every refusal ends with. */
export const PROMPT_FORMAT_NEEDED = 'UCCX needs 8 kHz, 8-bit µ-law or A-law, mono';

/** Why a file cannot be a prompt: the English sentence (main's refusal, logs) and the same by message id for the screen (docs/i18n.md). */
export interface PromptProblem {
  message: string;
  said: MainMessage;
}

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
  const encoding = ENCODINGS[format.formatTag]?.name ?? `encoding ${format.formatTag}`;
  return `${kiloHertz} ${format.bitsPerSample}-bit ${channels} ${encoding}`;
}

/** The values of `uccx.prompts.format.wrong`: the format in parts, so each language words it. */
function formatValues(format: WavFormat): Record<string, string | number> {
  return {
    kiloHertz: Number((format.sampleRate / 1000).toFixed(3)),
    bits: format.bitsPerSample,
    channels: format.channels === 1 ? 'mono' : format.channels === 2 ? 'stereo' : 'other',
    channelCount: format.channels,
    encoding: ENCODINGS[format.formatTag]?.key ?? 'other',
    formatTag: format.formatTag,
  };
}

/** null when the file is a prompt UCCX can play, else what it is and what UCCX needs, in English and by message id. */
export function promptWavProblem(bytes: Uint8Array): PromptProblem | null {
  const format = readWavFormat(bytes);
  if (!format) return { message: `This is not a WAVE (.wav) audio file; ${PROMPT_FORMAT_NEEDED}.`, said: { id: 'uccx.prompts.format.notWave' } };
  const playable = (format.formatTag === 7 || format.formatTag === 6) && format.sampleRate === 8000 && format.channels === 1 && format.bitsPerSample === 8;
  if (!playable) return { message: `This file is ${describeWavFormat(format)}; ${PROMPT_FORMAT_NEEDED}.`, said: { id: 'uccx.prompts.format.wrong', values: formatValues(format) } };
  if (format.dataBytes === 0) return { message: 'This file holds no audio.', said: { id: 'uccx.prompts.format.noAudio' } };
  return null;
}

/** null when the file is a prompt UCCX can play, else a sentence saying what it is and what UCCX needs. */
export function checkPromptWav(bytes: Uint8Array): string | null {
  return promptWavProblem(bytes)?.message ?? null;
}
