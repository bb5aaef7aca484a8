/**
 * IBAN length by country: every SEPA country plus common non-SEPA ones (ISO 13616 registry).
 * An IBAN whose country is missing here is not detected; add the country to detect it.
 */
export const IBAN_LENGTHS: ReadonlyMap<string, number> = new Map([
  // SEPA
  ['AD', 24], ['AT', 20], ['BE', 16], ['BG', 22], ['CH', 21], ['CY', 28], ['CZ', 24], ['DE', 22],
  ['DK', 18], ['EE', 20], ['ES', 24], ['FI', 18], ['FR', 27], ['GB', 22], ['GI', 23], ['GR', 27],
  ['HR', 21], ['HU', 28], ['IE', 22], ['IS', 26], ['IT', 27], ['LI', 21], ['LT', 20], ['LU', 20],
  ['LV', 21], ['MC', 27], ['MT', 31], ['NL', 18], ['NO', 15], ['PL', 28], ['PT', 25], ['RO', 24],
  ['SE', 24], ['SI', 19], ['SK', 24], ['SM', 27], ['VA', 22],
  // outside SEPA
  ['AE', 23], ['AL', 28], ['BA', 20], ['BR', 29], ['FO', 18], ['GE', 22], ['GL', 18], ['IL', 23],
  ['JO', 30], ['KW', 30], ['KZ', 20], ['MD', 24], ['ME', 22], ['MK', 19], ['PK', 24], ['QA', 29],
  ['RS', 22], ['SA', 24], ['TN', 24], ['TR', 26], ['UA', 29],
]);
