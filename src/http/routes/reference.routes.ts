import { Type } from '@sinclair/typebox';
import { UNIT_KINDS, VOCABULARY_KINDS } from '../../core/vocabulary.js';
import type { ServiceContext } from '../../services/context.js';
import { getRegion, listRegionChildren, searchRegions } from '../../services/regions.service.js';
import { createUnitAs, getUnit, listUnits } from '../../services/units.service.js';
import { addTerm, listVocabulary, updateTerm } from '../../services/vocabulary.service.js';
import { actorOf } from '../plugins/auth.js';
import { errorResponses, Id, Nullable } from '../schemas.js';
import type { Api } from './index.js';

const Region = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.String(),
  parentCode: Nullable(Type.String()),
  adminParentCode: Nullable(Type.String()),
  directlyAdministered: Type.Boolean(),
});

const Unit = Type.Object({
  id: Type.String(),
  name: Type.String(),
  shortName: Nullable(Type.String()),
  kind: Type.String(),
  regionCode: Type.String(),
  parentUnitId: Nullable(Type.String()),
  version: Type.Integer(),
});

const VocabularyKind = Type.Union(VOCABULARY_KINDS.map((k) => Type.Literal(k)));
const Term = Type.Object({
  code: Type.String(),
  label: Type.Object({ zh: Type.String(), en: Type.String() }),
  parentCode: Nullable(Type.String()),
  active: Type.Boolean(),
});
const LabelBody = Type.Object(
  { zh: Type.String({ minLength: 1, maxLength: 100 }), en: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

const UnitKind = Type.Union(UNIT_KINDS.map((k) => Type.Literal(k)));

export async function referenceRoutes(app: Api, ctx: ServiceContext): Promise<void> {
  app.get(
    '/regions',
    {
      schema: {
        tags: ['reference'],
        summary: '行政区划：下级或按名称查找 / Regions: children or name search',
        querystring: Type.Object({
          parent: Type.Optional(Type.String()),
          q: Type.Optional(Type.String({ minLength: 1 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(Region) }) },
      },
    },
    async (request) => {
      const { parent, q } = request.query;
      return { items: q ? await searchRegions(ctx, q) : await listRegionChildren(ctx, parent ?? null) };
    },
  );
  app.get(
    '/regions/:code',
    {
      schema: {
        tags: ['reference'],
        params: Type.Object({ code: Type.String({ pattern: '^\\d{6}(\\d{3})?$' }) }),
        response: {
          200: Type.Composite([Region, Type.Object({ ancestors: Type.Array(Region) })]),
          ...errorResponses(404),
        },
      },
    },
    async (request) => getRegion(ctx, request.params.code),
  );

  app.get(
    '/units',
    {
      schema: {
        tags: ['reference'],
        querystring: Type.Object({
          regionCode: Type.Optional(Type.String()),
          kind: Type.Optional(UnitKind),
          q: Type.Optional(Type.String()),
        }),
        response: { 200: Type.Object({ items: Type.Array(Unit) }) },
      },
    },
    async (request) => ({ items: await listUnits(ctx, request.query) }),
  );
  app.get(
    '/units/:id',
    {
      schema: {
        tags: ['reference'],
        params: Type.Object({ id: Id }),
        response: { 200: Unit, ...errorResponses(404) },
      },
    },
    async (request) => getUnit(ctx, request.params.id),
  );
  app.post(
    '/units',
    {
      schema: {
        tags: ['reference'],
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            shortName: Type.Optional(Type.String({ maxLength: 50 })),
            kind: UnitKind,
            regionCode: Type.String(),
            parentUnitId: Type.Optional(Id),
          },
          { additionalProperties: false },
        ),
        response: { 201: Unit, ...errorResponses(400, 401) },
      },
    },
    async (request, reply) => reply.code(201).send(await createUnitAs(ctx, actorOf(request), request.body)),
  );

  app.get(
    '/vocabularies/:kind',
    {
      schema: {
        tags: ['reference'],
        summary: '词表：来源、领域、子领域、问题类别、方案类型 / Vocabularies',
        params: Type.Object({ kind: VocabularyKind }),
        response: { 200: Type.Object({ items: Type.Array(Term) }) },
      },
    },
    async (request) => ({ items: await listVocabulary(ctx, request.params.kind) }),
  );

  app.post(
    '/vocabularies/:kind',
    {
      schema: {
        tags: ['reference'],
        summary: '新增词条 / Add a vocabulary term',
        params: Type.Object({ kind: VocabularyKind }),
        body: Type.Object(
          {
            code: Type.String(),
            label: LabelBody,
            parentCode: Type.Optional(Type.String()),
            sortOrder: Type.Optional(Type.Integer()),
          },
          { additionalProperties: false },
        ),
        response: { 201: Term, ...errorResponses(400, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addTerm(ctx, actorOf(request), request.params.kind, request.body)),
  );
  app.patch(
    '/vocabularies/:kind/:code',
    {
      schema: {
        tags: ['reference'],
        summary: '修改或停用词条 / Relabel, reorder or retire a term',
        params: Type.Object({ kind: VocabularyKind, code: Type.String() }),
        body: Type.Object(
          {
            label: Type.Optional(LabelBody),
            active: Type.Optional(Type.Boolean()),
            sortOrder: Type.Optional(Type.Integer()),
          },
          { additionalProperties: false },
        ),
        response: { 200: Term, ...errorResponses(400, 403, 404) },
      },
    },
    async (request) =>
      updateTerm(ctx, actorOf(request), request.params.kind, request.params.code, request.body),
  );
}
