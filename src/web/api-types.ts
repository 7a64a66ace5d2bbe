// Shapes of the API on the web side, read from the generated OpenAPI types (api-types.gen.ts): the 2xx JSON
// answer of a route, its body and its query. A page names the route, never a copied interface.
import type { paths } from './api-types.gen.ts';

export type { paths };

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type Op<P extends keyof paths, M extends Method> = NonNullable<paths[P][M & keyof paths[P]]>;
type Json<R> = R extends { content: { 'application/json': infer J } } ? J : never;

/** The JSON answer of a route on success (200 or 201). */
export type Answer<P extends keyof paths, M extends Method = 'get'> =
  Op<P, M> extends { responses: infer R } ? (R extends { 200: infer A } ? Json<A> : R extends { 201: infer B } ? Json<B> : never) : never;

/** The JSON body a route accepts. */
export type Body<P extends keyof paths, M extends Method = 'post'> =
  Op<P, M> extends {
    requestBody?: { content: { 'application/json': infer B } };
  }
    ? B
    : never;

/** The query a route accepts. */
export type Query<P extends keyof paths, M extends Method = 'get'> =
  Op<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** One item of a list answer (`{items, total}`). */
export type Item<P extends keyof paths> = Answer<P> extends { items: (infer I)[] } ? I : never;
