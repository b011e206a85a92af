/** The prompt format check main runs before queuing an upload (shared with the renderer's early check). */
export { checkPromptWav, readWavFormat, type WavFormat } from '../../../shared/domain/prompt-format';
