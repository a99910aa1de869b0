// "Not a common or breached password" (ASVS 2.1.7): zxcvbn-ts with its common-password and
// diceware dictionaries must rate the password 3 or 4 (of 0–4), with the user's own words known.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

export const MIN_STRENGTH_SCORE = 3;

let checker: ZxcvbnFactory | undefined;

export function strengthScore(password: string, userInputs: readonly string[] = []): number {
  checker ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  return checker.check(password, [...userInputs]).score;
}

/** The e-mail's local part, if long enough to mean something (ASVS 2.1.x, 等保 practice). */
export function containsEmailLocalPart(password: string, email: string): boolean {
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  return local.length >= 3 && password.toLowerCase().includes(local);
}
