// Typed domain errors. The one Fastify error handler (platform/http.ts) maps them to
// {"error":{"code","message":{"id","en"},"field"?}} with a 4xx status. Anything else is a 500: a bug.

export interface Bilingual {
  id: string;
  en: string;
}

/** One problem at one field (its body path), as the answer's `error.fields` lists them. */
export interface FieldProblem {
  field: string;
  message: Bilingual;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly bilingual: Bilingual,
    readonly field?: string,
    /** Every field the error concerns, when there are several (the first is `field` and `bilingual`). */
    readonly fields?: FieldProblem[],
  ) {
    super(bilingual.en);
  }
}

/** Several problems found at once (a domain check over a whole form): a 400 naming each at its field. */
export function invalidFields(problems: FieldProblem[], code = 'validation_failed'): AppError {
  const first = problems[0];
  if (!first) throw new Error('invalidFields needs at least one problem');
  return new AppError(400, code, first.message, first.field, problems);
}

export const badRequest = (code: string, message: Bilingual, field?: string) => new AppError(400, code, message, field);

export const notFound = (what: Bilingual = { id: 'Data', en: 'Record' }, field?: string) =>
  new AppError(404, 'not_found', { id: `${what.id} tidak ditemukan.`, en: `${what.en} not found.` }, field);

export const unauthenticated = () =>
  new AppError(401, 'unauthenticated', {
    id: 'Silakan masuk terlebih dahulu.',
    en: 'Please sign in first.',
  });

export const forbidden = () =>
  new AppError(403, 'forbidden', {
    id: 'Anda tidak berwenang melakukan tindakan ini.',
    en: 'You are not allowed to do this.',
  });

export const conflict = (code: string, message: Bilingual, field?: string) => new AppError(409, code, message, field);

/** The actor may read the record but the policy does not let it make this change. */
export const notPermitted = (what: Bilingual) =>
  new AppError(403, 'not_permitted', {
    id: `Anda dapat melihat ${what.id.toLowerCase()} ini, tetapi tidak berwenang mengubahnya.`,
    en: `You may see this ${what.en.toLowerCase()} but not change it.`,
  });
