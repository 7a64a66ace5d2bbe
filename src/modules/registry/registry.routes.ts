// Thin HTTP handlers of the registry: schema in, service call, view out.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf, dbOf } from '../../platform/http.ts';
import { zIdParams } from '../../platform/validation.ts';
import * as s from './registry.schemas.ts';
import * as svc from './registry.service.ts';

export async function registryRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // organisations
  r.get('/api/organizations', {
    config: { policy: 'organizations.read' },
    schema: {
      tags: ['organizations'],
      summary: 'Daftar organisasi / list organisations',
      querystring: s.zOrganizationList,
      response: { 200: s.zOrganizationPage },
    },
    handler: (req) => svc.listOrganizations(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/organizations/:id', {
    config: { policy: 'organizations.read' },
    schema: {
      tags: ['organizations'],
      summary: 'Satu organisasi / one organisation',
      params: zIdParams,
      response: { 200: s.zOrganization },
    },
    handler: (req) => svc.getOrganization(dbOf(req), ctxOf(req), req.params.id),
  });
  r.post('/api/organizations', {
    config: { policy: 'organizations.write' },
    schema: {
      tags: ['organizations'],
      summary: 'Buat organisasi / create an organisation',
      body: s.zOrganizationCreate,
      response: { 201: s.zOrganization },
    },
    handler: async (req, reply) => reply.code(201).send(await svc.createOrganization(dbOf(req), ctxOf(req), req.body)),
  });
  r.patch('/api/organizations/:id', {
    config: { policy: 'organizations.write' },
    schema: {
      tags: ['organizations'],
      summary: 'Ubah organisasi / update an organisation',
      params: zIdParams,
      body: s.zOrganizationUpdate,
      response: { 200: s.zOrganization },
    },
    handler: (req) => svc.updateOrganization(dbOf(req), ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/organizations/:id/archive', {
    config: { policy: 'organizations.write' },
    schema: {
      tags: ['organizations'],
      summary: 'Arsipkan organisasi / archive an organisation',
      params: zIdParams,
      response: { 200: s.zOrganization },
    },
    handler: (req) => svc.archiveOrganization(dbOf(req), ctxOf(req), req.params.id),
  });

  // outlets
  r.get('/api/outlets', {
    config: { policy: 'outlets.read' },
    schema: { tags: ['outlets'], summary: 'Daftar gerai / list outlets', querystring: s.zOutletList, response: { 200: s.zOutletPage } },
    handler: (req) => svc.listOutlets(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/outlets/:id', {
    config: { policy: 'outlets.read' },
    schema: { tags: ['outlets'], summary: 'Satu gerai / one outlet', params: zIdParams, response: { 200: s.zOutlet } },
    handler: (req) => svc.getOutlet(dbOf(req), ctxOf(req), req.params.id),
  });
  r.post('/api/outlets', {
    config: { policy: 'outlets.write' },
    schema: { tags: ['outlets'], summary: 'Tambah gerai / create an outlet', body: s.zOutletCreate, response: { 201: s.zOutlet } },
    handler: async (req, reply) => reply.code(201).send(await svc.createOutlet(dbOf(req), ctxOf(req), req.body)),
  });
  r.patch('/api/outlets/:id', {
    config: { policy: 'outlets.write' },
    schema: {
      tags: ['outlets'],
      summary: 'Ubah gerai / update an outlet',
      params: zIdParams,
      body: s.zOutletUpdate,
      response: { 200: s.zOutlet },
    },
    handler: (req) => svc.updateOutlet(dbOf(req), ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/outlets/:id/archive', {
    config: { policy: 'outlets.write' },
    schema: { tags: ['outlets'], summary: 'Arsipkan gerai / archive an outlet', params: zIdParams, response: { 200: s.zOutlet } },
    handler: (req) => svc.archiveOutlet(dbOf(req), ctxOf(req), req.params.id),
  });

  // UMKM
  r.get('/api/umkm', {
    config: { policy: 'umkm.read' },
    schema: { tags: ['umkm'], summary: 'Daftar UMKM / list UMKM', querystring: s.zUmkmList, response: { 200: s.zUmkmPage } },
    handler: (req) => svc.listUmkm(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/umkm/:id', {
    config: { policy: 'umkm.read' },
    schema: { tags: ['umkm'], summary: 'Satu UMKM / one UMKM', params: zIdParams, response: { 200: s.zUmkm } },
    handler: (req) => svc.getUmkm(dbOf(req), ctxOf(req), req.params.id),
  });
  r.post('/api/umkm', {
    config: { policy: 'umkm.create' },
    schema: { tags: ['umkm'], summary: 'Daftarkan UMKM / register a UMKM', body: s.zUmkmCreate, response: { 201: s.zUmkm } },
    handler: async (req, reply) => reply.code(201).send(await svc.createUmkm(dbOf(req), ctxOf(req), req.body)),
  });
  r.patch('/api/umkm/:id', {
    config: { policy: 'umkm.update' },
    schema: {
      tags: ['umkm'],
      summary: 'Ubah data UMKM / update a UMKM',
      params: zIdParams,
      body: s.zUmkmUpdate,
      response: { 200: s.zUmkm },
    },
    handler: (req) => svc.updateUmkm(dbOf(req), ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/umkm/:id/archive', {
    config: { policy: 'umkm.archive' },
    schema: { tags: ['umkm'], summary: 'Arsipkan UMKM / archive a UMKM', params: zIdParams, response: { 200: s.zUmkm } },
    handler: (req) => svc.archiveUmkm(dbOf(req), ctxOf(req), req.params.id),
  });

  // products
  r.get('/api/products', {
    config: { policy: 'products.read' },
    schema: {
      tags: ['products'],
      summary: 'Daftar produk / list products',
      querystring: s.zProductList,
      response: { 200: s.zProductPage },
    },
    handler: (req) => svc.listProducts(dbOf(req), ctxOf(req), req.query),
  });
  r.get('/api/products/:id', {
    config: { policy: 'products.read' },
    schema: { tags: ['products'], summary: 'Satu produk / one product', params: zIdParams, response: { 200: s.zProduct } },
    handler: (req) => svc.getProduct(dbOf(req), ctxOf(req), req.params.id),
  });
  r.post('/api/products', {
    config: { policy: 'products.write' },
    schema: { tags: ['products'], summary: 'Tambah produk / create a product', body: s.zProductCreate, response: { 201: s.zProduct } },
    handler: async (req, reply) => reply.code(201).send(await svc.createProduct(dbOf(req), ctxOf(req), req.body)),
  });
  r.patch('/api/products/:id', {
    config: { policy: 'products.write' },
    schema: {
      tags: ['products'],
      summary: 'Ubah produk / update a product',
      params: zIdParams,
      body: s.zProductUpdate,
      response: { 200: s.zProduct },
    },
    handler: (req) => svc.updateProduct(dbOf(req), ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/products/:id/archive', {
    config: { policy: 'products.write' },
    schema: { tags: ['products'], summary: 'Arsipkan produk / archive a product', params: zIdParams, response: { 200: s.zProduct } },
    handler: (req) => svc.archiveProduct(dbOf(req), ctxOf(req), req.params.id),
  });
  r.post('/api/products/:id/permits', {
    config: { policy: 'products.write' },
    schema: {
      tags: ['products'],
      summary: 'Tambah izin (P-IRT, BPOM, halal) / add a permit',
      params: zIdParams,
      body: s.zPermitCreate,
      response: { 201: s.zProduct },
    },
    handler: async (req, reply) => reply.code(201).send(await svc.addPermit(dbOf(req), ctxOf(req), req.params.id, req.body)),
  });
  r.post('/api/products/:id/permits/:permitId/archive', {
    config: { policy: 'products.write' },
    schema: { tags: ['products'], summary: 'Arsipkan izin / archive a permit', params: s.zPermitParams, response: { 200: s.zProduct } },
    handler: (req) => svc.archivePermit(dbOf(req), ctxOf(req), req.params.id, req.params.permitId),
  });
  r.post('/api/products/:id/photos', {
    config: { policy: 'products.write' },
    schema: {
      tags: ['products'],
      summary: 'Tambah foto produk / add a photo',
      params: zIdParams,
      body: s.zPhotoCreate,
      response: { 201: s.zProduct },
    },
    handler: async (req, reply) => reply.code(201).send(await svc.addPhoto(dbOf(req), ctxOf(req), req.params.id, req.body.sha256)),
  });
}
