import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorForToken, SESSION_COOKIE, SESSION_DAYS } from '../../platform/auth/sessions.ts';
import { ctxOf, dbOf } from '../../platform/http.ts';
import { zIdParams } from '../../platform/validation.ts';
import { zLoginBody, zMe, zOk, zUser, zUserCreate, zUserList, zUserPage, zUserUpdate } from './accounts.schemas.ts';
import { createUser, listUsers, login, logout, me, updateUser } from './accounts.service.ts';

export async function accountRoutes(app: FastifyInstance, opts: { demo: boolean }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/auth/login', {
    config: { policy: 'auth.login' },
    schema: { tags: ['auth'], summary: 'Masuk / sign in (sets the session cookie)', body: zLoginBody, response: { 200: zMe } },
    handler: async (req, reply) => {
      req.commitOnError = true; // a failed attempt is recorded for throttling
      const db = dbOf(req);
      const { token } = await login(db, { ...req.body, ip: req.ip, requestId: String(req.id), now: req.now });
      req.commitOnError = false;
      const old = req.cookies[SESSION_COOKIE];
      if (old) await logout(db, ctxOf(req), old);
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        maxAge: SESSION_DAYS * 86_400,
      });
      const actor = await actorForToken(db, token);
      if (!actor) throw new Error('a session just created must resolve');
      return me(db, actor, opts.demo);
    },
  });

  r.post('/api/auth/logout', {
    config: { policy: 'auth.logout' },
    schema: { tags: ['auth'], summary: 'Keluar / sign out', response: { 200: zOk } },
    handler: async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await logout(dbOf(req), ctxOf(req), token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });

  r.get('/api/me', {
    config: { policy: 'me.read' },
    schema: { tags: ['auth'], summary: 'Pengguna yang sedang masuk / the signed-in user', response: { 200: zMe } },
    handler: (req) => me(dbOf(req), req.actor, opts.demo),
  });

  r.get('/api/users', {
    config: { policy: 'users.read' },
    schema: { tags: ['users'], summary: 'Daftar pengguna / list users', querystring: zUserList, response: { 200: zUserPage } },
    handler: (req) => listUsers(dbOf(req), req.query),
  });
  r.post('/api/users', {
    config: { policy: 'users.write' },
    schema: { tags: ['users'], summary: 'Buat pengguna / create a user', body: zUserCreate, response: { 201: zUser } },
    handler: async (req, reply) => reply.code(201).send(await createUser(dbOf(req), ctxOf(req), req.body)),
  });
  r.patch('/api/users/:id', {
    config: { policy: 'users.write' },
    schema: {
      tags: ['users'],
      summary: 'Ubah atau nonaktifkan pengguna / update or disable a user',
      params: zIdParams,
      body: zUserUpdate,
      response: { 200: zUser },
    },
    handler: (req) => updateUser(dbOf(req), ctxOf(req), req.params.id, req.body),
  });
}
