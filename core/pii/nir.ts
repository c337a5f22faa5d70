/**
 * The French social security number (NIR): sex, year, month, département, commune, order
 * (13 digits), then a 2-digit key = 97 − (number mod 97). Corsican "2A"/"2B" forms are not read.
 */

/**
 * Whether 15 digits are a NIR whose key holds.
 *
 * @example isValidNir('185057800608436') // true
 */
export function isValidNir(digits: string): boolean {
  if (digits.length !== 15 || !'12378'.includes(digits.charAt(0)) || !/^\d+$/.test(digits)) return false;
  const month = Number(digits.slice(3, 5));
  if (!((month >= 1 && month <= 12) || (month >= 20 && month <= 42) || month >= 50)) return false;
  const key = Number(digits.slice(13));
  return key === 97 - (Number(digits.slice(0, 13)) % 97);
}
