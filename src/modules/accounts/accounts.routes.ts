import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorForToken, SESSION_COOKIE, SESSION_DAYS } from '../../platform/auth/sessions.ts';
import { ctxOf, dbOf } from '../../platform/http.ts';
import { zIdParams } from '../../platform/validation.ts';
import {
  zLoginBody,
  zMe,
  zOk,
  zPasswordReset,
  zUserCreate,
  zUserDetail,
  zUserList,
  zUserPage,
  zUserUpdate,
  zUserWithPassword,
} from './accounts.schemas.ts';
import {
  createUser,
  disableUser,
  enableUser,
  getUser,
  listUsers,
  login,
  logout,
  me,
  resetPassword,
  updateUser,
} from './accounts.service.ts';

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
    schema: {
      tags: ['users'],
      summary: 'Daftar pengguna (cari nama/email, saring peran, organisasi, status) / list users',
      querystring: zUserList,
      response: { 200: zUserPage },
    },
    handler: (req) => listUsers(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/users/:id', {
    config: { policy: 'users.read' },
    schema: {
      tags: ['users'],
      summary: 'Satu pengguna, dengan UMKM dampingannya / one user, with a mentor’s assigned UMKM',
      params: zIdParams,
      response: { 200: zUserDetail },
    },
    handler: (req) => getUser(dbOf(req), ctxOf(req), req.params.id),
  });
  r.post('/api/users', {
    config: { policy: 'users.write' },
    schema: {
      tags: ['users'],
      summary:
        'Buat pengguna (tanpa kata sandi: dibuatkan, ditampilkan sekali) / create a user (no password: one is generated, shown once)',
      body: zUserCreate,
      response: { 201: zUserWithPassword },
    },
    handler: async (req, reply) => reply.code(201).send(await createUser(dbOf(req), ctxOf(req), req.body)),
  });
  r.patch('/api/users/:id', {
    config: { policy: 'users.write' },
    schema: {
      tags: ['users'],
      summary: 'Ubah nama, jabatan, peran, organisasi, UMKM dampingan / change name, title, role, organisation, assigned UMKM',
      params: zIdParams,
      body: zUserUpdate,
      response: { 200: zUserDetail },
    },
    handler: (req) => updateUser(dbOf(req), ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/users/:id/disable', {
    config: { policy: 'users.write' },
    schema: {
      tags: ['users'],
      summary: 'Nonaktifkan pengguna (mengakhiri semua sesinya) / disable a user (ends all their sessions)',
      params: zIdParams,
      response: { 200: zUserDetail },
    },
    handler: (req) => disableUser(dbOf(req), ctxOf(req), req.params.id),
  });
  r.post('/api/users/:id/enable', {
    config: { policy: 'users.write' },
    schema: {
      tags: ['users'],
      summary: 'Aktifkan kembali pengguna / enable a user again',
      params: zIdParams,
      response: { 200: zUserDetail },
    },
    handler: (req) => enableUser(dbOf(req), ctxOf(req), req.params.id),
  });
  r.post('/api/users/:id/reset-password', {
    config: { policy: 'users.write' },
    schema: {
      tags: ['users'],
      summary: 'Atur ulang kata sandi (mengakhiri semua sesinya) / reset the password (ends all their sessions)',
      params: zIdParams,
      body: zPasswordReset,
      response: { 200: zUserWithPassword },
    },
    handler: (req) => resetPassword(dbOf(req), ctxOf(req), req.params.id, req.body ?? {}),
  });
}
