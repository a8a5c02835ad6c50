// Jest's module loader cannot `require` an ESM-only package (Node 20.19+ itself can). @fastify/static
// requires content-disposition 3 (ESM) for `create`; under Jest it gets the CommonJS 0.5 line, whose
// default export is the same function.
const contentDisposition = require('../../../../node_modules/content-disposition/index.js');
module.exports = { create: contentDisposition, parse: contentDisposition.parse };
