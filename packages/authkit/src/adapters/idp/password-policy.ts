import { AuthkitError } from '../../domain/errors.js';

export const PASSWORD_MAX_LENGTH = 256;

/** zxcvbn-ts scores 0–4; below 2 means under ~10^6 guesses: common, breached-list or patterned. */
const MIN_SCORE = 2;
/** zxcvbn's cost grows faster than linearly (a 256-character check took 0.5 s): judge a prefix. */
const CHECKED_PREFIX = 64;

type Checker = (
  password: string,
  userInputs: string[],
) => { score: number; warning: string | null };

let checker: Promise<Checker> | undefined;

// The dictionaries are ~1 MB: load them on the first password check, not at import.
function loadChecker(): Promise<Checker> {
  checker ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([{ ZxcvbnFactory }, common]) => {
      const zxcvbn = new ZxcvbnFactory({
        dictionary: { ...common.dictionary },
        graphs: common.adjacencyGraphs,
      });
      return (password, userInputs) => {
        const result = zxcvbn.check(password, userInputs);
        return { score: result.score, warning: result.feedback.warning };
      };
    },
  );
  return checker;
}

const WARNINGS: Record<string, string> = {
  topTen: 'it is one of the most used passwords',
  topHundred: 'it is one of the most used passwords',
  common: 'it is a commonly used password',
  similarToCommon: 'it is too similar to a commonly used password',
  simpleRepeat: 'repeated characters are easy to guess',
  extendedRepeat: 'repeated patterns are easy to guess',
  sequences: 'sequences like "abc" or "123" are easy to guess',
  straightRow: 'rows of keys are easy to guess',
  keyPattern: 'keyboard patterns are easy to guess',
  userInputs: 'it contains your name or email',
  dates: 'dates are easy to guess',
  recentYears: 'recent years are easy to guess',
};

/**
 * NIST SP 800-63B §3.1.1.2: 8 to 256 characters (code points), no composition rules, and no
 * password found on common or breached lists (zxcvbn-ts's maintained dictionaries) or built from
 * the account's own name and email.
 */
export async function checkPasswordPolicy(
  password: string,
  options: { minLength: number; field: string; userInputs?: Array<string | null | undefined> },
): Promise<void> {
  const { field } = options;
  const length = [...password].length;
  if (length < options.minLength) {
    throw new AuthkitError(
      'weak_password',
      `password must be at least ${options.minLength} characters`,
      { field },
    );
  }
  if (length > PASSWORD_MAX_LENGTH) {
    throw new AuthkitError(
      'weak_password',
      `password must be at most ${PASSWORD_MAX_LENGTH} characters`,
      { field },
    );
  }
  const inputs = (options.userInputs ?? []).flatMap((v) =>
    v ? [v, ...v.split(/[@.\s]+/).filter((part) => part.length >= 3)] : [],
  );
  const prefix =
    length > CHECKED_PREFIX ? [...password].slice(0, CHECKED_PREFIX).join('') : password;
  const { score, warning } = (await loadChecker())(prefix, inputs);
  if (score < MIN_SCORE) {
    const why = (warning && WARNINGS[warning]) ?? 'it is too easy to guess';
    throw new AuthkitError(
      'weak_password',
      `choose a less common password: ${why}. A few unrelated words make a strong one.`,
      { field },
    );
  }
}
