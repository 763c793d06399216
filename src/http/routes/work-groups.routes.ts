import { Type } from '@sinclair/typebox';
import { MEMBER_ROLES } from '../../core/vocabulary.js';
import {
  createWorkGroup,
  getWorkGroup,
  listWorkGroups,
  updateWorkGroup,
} from '../../services/campaigns/work-group.service.js';
import {
  addWorkGroupMember,
  removeWorkGroupMember,
} from '../../services/campaigns/work-group-members.service.js';
import type { ServiceContext } from '../../services/context.js';
import { expectedVersion, idempotencyKeyOf, withEtag } from '../conditional.js';
import { actorOf } from '../plugins/auth.js';
import { errorResponses, Id, Nullable } from '../schemas.js';
import type { Api } from './index.js';

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const UnitRef = Type.Object({ id: Type.String(), name: Type.String() });
const MemberRole = Type.Union(MEMBER_ROLES.map((r) => Type.Literal(r)));

const NewMember = Type.Object(
  {
    name: Text(100),
    title: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    unitId: Type.Optional(Nullable(Id)),
    userId: Type.Optional(Nullable(Id)),
    memberRole: MemberRole,
    expertise: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
const Member = Type.Object({
  id: Type.String(),
  name: Type.String(),
  title: Nullable(Type.String()),
  unitId: Nullable(Type.String()),
  userId: Nullable(Type.String()),
  memberRole: MemberRole,
  expertise: Nullable(Type.String()),
});

const WorkGroup = Type.Object({
  id: Type.String(),
  campaignId: Type.String(),
  name: Type.String(),
  leadUnit: UnitRef,
  memberUnits: Type.Array(UnitRef),
  regions: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() })),
  members: Type.Array(Member),
  version: Type.Integer(),
  createdAt: Type.String(),
  abilities: Type.Object({
    update: Type.Boolean(),
    manageMembers: Type.Boolean(),
    recordSiteVisit: Type.Boolean(),
  }),
});

const groupFields = {
  name: Text(200),
  leadUnitId: Id,
  memberUnitIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
  regionCodes: Type.Array(Type.String({ pattern: '^\\d{6}(\\d{3})?$' }), { minItems: 1, maxItems: 200 }),
};
const NewWorkGroup = Type.Object(
  { ...groupFields, members: Type.Optional(Type.Array(NewMember, { maxItems: 100 })) },
  { additionalProperties: false },
);
const WorkGroupChanges = Type.Partial(Type.Object(groupFields), { additionalProperties: false });

const TAGS = ['campaigns'];
const ById = Type.Object({ id: Id });
const CHANGE_ERRORS = errorResponses(400, 401, 403, 404, 412, 422, 428);

/** Work groups (督导帮扶工作组) of a campaign and their members. */
export async function workGroupRoutes(app: Api, ctx: ServiceContext): Promise<void> {
  app.get(
    '/campaigns/:id/work-groups',
    {
      schema: {
        tags: TAGS,
        summary: '专项行动的工作组 / Work groups of a campaign',
        params: ById,
        response: { 200: Type.Object({ items: Type.Array(WorkGroup) }), ...errorResponses(401, 404) },
      },
    },
    async (request) => ({ items: await listWorkGroups(ctx, actorOf(request), request.params.id) }),
  );
  app.post(
    '/campaigns/:id/work-groups',
    {
      schema: {
        tags: TAGS,
        summary: '组建工作组 / Form a work group',
        description:
          'Regions must be target regions of the campaign or inside them. Accepts Idempotency-Key.',
        params: ById,
        body: NewWorkGroup,
        response: { 201: WorkGroup, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request);
      const idem = key
        ? { key, request: ['POST /campaigns/:id/work-groups', request.params.id, request.body] }
        : undefined;
      const { value } = await createWorkGroup(ctx, actorOf(request), request.params.id, request.body, idem);
      reply.code(201).header('location', `/api/v1/work-groups/${value.id}`);
      return withEtag(reply, value);
    },
  );
  app.get(
    '/work-groups/:id',
    {
      schema: {
        tags: TAGS,
        summary: '工作组详情 / A work group',
        params: ById,
        response: { 200: WorkGroup, ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => withEtag(reply, await getWorkGroup(ctx, actorOf(request), request.params.id)),
  );
  app.patch(
    '/work-groups/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改工作组（需 If-Match）/ Change a work group (If-Match required)',
        params: ById,
        body: WorkGroupChanges,
        response: { 200: WorkGroup, ...CHANGE_ERRORS },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request);
      return withEtag(
        reply,
        await updateWorkGroup(ctx, actorOf(request), request.params.id, version, request.body),
      );
    },
  );
  app.post(
    '/work-groups/:id/members',
    {
      schema: {
        tags: TAGS,
        summary: '增加工作组成员（需 If-Match）/ Add a member (If-Match required)',
        description:
          'Answers with the whole group; the new member is the last in `members`. Accepts Idempotency-Key.',
        params: ById,
        body: NewMember,
        response: { 201: WorkGroup, ...CHANGE_ERRORS },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request);
      const key = idempotencyKeyOf(request);
      const idem = key
        ? { key, request: ['POST /work-groups/:id/members', request.params.id, version, request.body] }
        : undefined;
      const { value } = await addWorkGroupMember(
        ctx,
        actorOf(request),
        request.params.id,
        version,
        request.body,
        idem,
      );
      reply.code(201);
      return withEtag(reply, value);
    },
  );
  app.delete(
    '/work-groups/:id/members/:memberId',
    {
      schema: {
        tags: TAGS,
        summary: '移除工作组成员（需 If-Match）/ Remove a member (If-Match required)',
        params: Type.Object({ id: Id, memberId: Id }),
        response: { 200: WorkGroup, ...CHANGE_ERRORS },
      },
    },
    async (request, reply) => {
      const { id, memberId } = request.params;
      const version = expectedVersion(request);
      return withEtag(reply, await removeWorkGroupMember(ctx, actorOf(request), id, memberId, version));
    },
  );
}
