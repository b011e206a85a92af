/**
 * The pseudo-locale: English with every letter accented and every vowel
 * doubled ("Connections" → "Çööññééçţîîööñš", about a third longer, as German
 * runs). Switching the console to it shows at a glance which words on screen
 * did not come from a catalogue, and whether a longer language still fits.
 * The message compiler applies it to literal text only, so placeholders and
 * plural/select keys are never touched.
 */

const ACCENTED: Record<string, string> = {
  a: 'à', b: 'ƀ', c: 'ç', d: 'ď', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'î', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ö', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'û', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'À', B: 'Ɓ', C: 'Ç', D: 'Ď', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Î', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ö', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Û', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};
const VOWELS = new Set('aeiouAEIOU');

/** Every character the pseudo-locale writes: text with one of them came from a catalogue. */
export const PSEUDO_CHARACTERS = Object.values(ACCENTED).join('');

/** One piece of literal text in the pseudo-locale. */
export function pseudoText(text: string): string {
  let out = '';
  for (const char of text) {
    const accented = ACCENTED[char];
    if (!accented) out += char;
    else out += VOWELS.has(char) ? accented + accented.toLowerCase() : accented;
  }
  return out;
}
