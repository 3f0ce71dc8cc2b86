// The baseline: a bare async handler with no framework, answering the same route.
export const handler = async (event) => {
  const name = event.queryStringParameters?.name || 'World';
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ message: `Hello, ${name}!` }),
    isBase64Encoded: false,
  };
};
