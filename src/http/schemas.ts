import { type TSchema, Type } from '@sinclair/typebox';

/** Shared schema pieces: one declaration gives validation, serialisation and OpenAPI. */
export const IsoDate = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'YYYY-MM-DD (Asia/Shanghai)',
});
export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const Label = Type.Object({ zh: Type.String(), en: Type.String() });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const ProblemJson = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.String(),
    message: Label,
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Label }))),
  },
  { $id: 'ProblemDetails', description: 'RFC 9457 problem details' },
);

/** Standard error responses for a route, so the OpenAPI document lists them. */
export const errorResponses = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [c, { ...ProblemJson, $id: undefined }])) as Record<number, TSchema>;

export const Paged = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });
