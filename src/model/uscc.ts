/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters, registration
 * authority (1) + organisation category (1) + division code (6) + subject id (9) + check character.
 */

/** The 31 characters a credit code may use: digits and capitals without I, O, S, V, Z. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights of positions 1-17: 3^i mod 31. */
export const USCC_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * The GB 32100 check character for the first 17 characters of a credit code, or undefined when
 * they are not 17 characters of the code alphabet.
 * @example usccCheckChar('11440100007482575') // 'H'
 */
export function usccCheckChar(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17[i]!);
    if (value < 0) return undefined;
    sum += value * USCC_WEIGHTS[i]!;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/**
 * Whether an 18-character credit code is well formed and its last character is the right check
 * character.
 * @example isValidUscc('11440100007482575H') // true
 */
export function isValidUscc(code: string): boolean {
  return code.length === 18 && usccCheckChar(code.slice(0, 17)) === code[17];
}
