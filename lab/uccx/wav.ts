/**
 * Just enough RIFF/WAVE for prompts: generate the small 8 kHz G.711 mu-law
 * tones the seed prompts are made of (the format UCCX plays), and read the
 * header of an uploaded file to reject anything that is not a WAVE file.
 */

const FORMAT_NAMES: Record<number, string> = { 1: 'PCM', 6: 'A-law', 7: 'mu-law' };

export interface WavInfo {
  formatTag: number;
  /** 'mu-law', 'PCM', 'A-law' or 'format <n>'. */
  format: string;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  dataBytes: number;
  durationMillis: number;
}

/** G.711 mu-law encoding of one 16-bit linear sample. */
function linearToMuLaw(sample: number): number {
  const BIAS = 0x84;
  const CLIP = 32635;
  const sign = sample < 0 ? 0x80 : 0;
  let magnitude = Math.min(Math.abs(sample), CLIP) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  magnitude = ~(sign | (exponent << 4) | mantissa) & 0xff;
  return magnitude;
}

/** An 8 kHz mono mu-law sine tone: deterministic, a few KB, a valid prompt file. */
export function createToneWav(durationMillis: number, frequencyHz = 440): Buffer {
  const sampleRate = 8000;
  const sampleCount = Math.max(1, Math.round((sampleRate * durationMillis) / 1000));
  const padding = sampleCount % 2;
  // Non-PCM WAVE: 18-byte fmt chunk (cbSize = 0) plus the fact chunk the format requires.
  const buffer = Buffer.alloc(12 + 8 + 18 + 8 + 4 + 8 + sampleCount + padding);
  let offset = 0;
  const writeTag = (tag: string) => {
    buffer.write(tag, offset, 'ascii');
    offset += 4;
  };
  writeTag('RIFF');
  buffer.writeUInt32LE(buffer.length - 8, offset);
  offset += 4;
  writeTag('WAVE');
  writeTag('fmt ');
  buffer.writeUInt32LE(18, offset);
  buffer.writeUInt16LE(7, offset + 4); // WAVE_FORMAT_MULAW
  buffer.writeUInt16LE(1, offset + 6); // mono
  buffer.writeUInt32LE(sampleRate, offset + 8);
  buffer.writeUInt32LE(sampleRate, offset + 12); // byte rate: one byte per sample
  buffer.writeUInt16LE(1, offset + 16); // block align
  buffer.writeUInt16LE(8, offset + 18); // bits per sample
  buffer.writeUInt16LE(0, offset + 20); // cbSize
  offset += 4 + 18;
  writeTag('fact');
  buffer.writeUInt32LE(4, offset);
  buffer.writeUInt32LE(sampleCount, offset + 4);
  offset += 8;
  writeTag('data');
  buffer.writeUInt32LE(sampleCount, offset);
  offset += 4;
  for (let i = 0; i < sampleCount; i++) {
    const sample = Math.round(8000 * Math.sin((2 * Math.PI * frequencyHz * i) / sampleRate));
    buffer[offset + i] = linearToMuLaw(sample);
  }
  return buffer;
}

/** Read the header of a RIFF/WAVE file; null when the bytes are not one. */
export function parseWav(bytes: Buffer): WavInfo | null {
  if (bytes.length < 12 || bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') return null;
  let offset = 12;
  let format: Omit<WavInfo, 'dataBytes' | 'durationMillis'> | null = null;
  while (offset + 8 <= bytes.length) {
    const chunkId = bytes.toString('ascii', offset, offset + 4);
    const chunkSize = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (chunkId === 'fmt ') {
      if (chunkSize < 16 || body + 16 > bytes.length) return null;
      const formatTag = bytes.readUInt16LE(body);
      format = {
        formatTag,
        format: FORMAT_NAMES[formatTag] ?? `format ${formatTag}`,
        channels: bytes.readUInt16LE(body + 2),
        sampleRate: bytes.readUInt32LE(body + 4),
        bitsPerSample: bytes.readUInt16LE(body + 14),
      };
    } else if (chunkId === 'data') {
      if (!format || format.channels === 0 || format.sampleRate === 0) return null;
      const dataBytes = Math.min(chunkSize, bytes.length - body);
      const bytesPerSecond = (format.sampleRate * format.channels * Math.max(8, format.bitsPerSample)) / 8;
      return { ...format, dataBytes, durationMillis: Math.round((dataBytes * 1000) / bytesPerSecond) };
    }
    offset = body + chunkSize + (chunkSize % 2);
  }
  return null;
}
