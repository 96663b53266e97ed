/**
 * `$(( ... ))` for the simulation rule: whole numbers, variables (unset or not a number: 0),
 * `+ - * / %`, unary minus and parentheses, as sh evaluates them; anything else gives 0.
 */
export function arithmetic(expression: string, vars: ReadonlyMap<string, string>): number {
  const tokens = expression.match(/\d+|[A-Za-z_]\w*|[-+*/%()]/g) ?? [];
  let at = 0;
  const value = (token: string): number =>
    /^\d/.test(token) ? Number(token) : Number.parseInt(vars.get(token) ?? '', 10) || 0;
  function primary(): number {
    const token = tokens[at++];
    if (token === '(') {
      const inner = sum();
      at++;
      return inner;
    }
    if (token === '-') return -primary();
    if (token === '+') return primary();
    return token === undefined ? 0 : value(token);
  }
  function product(): number {
    let left = primary();
    while (tokens[at] === '*' || tokens[at] === '/' || tokens[at] === '%') {
      const op = tokens[at++];
      const right = primary();
      left = op === '*' ? left * right : right === 0 ? 0 : op === '/' ? Math.trunc(left / right) : left % right;
    }
    return left;
  }
  function sum(): number {
    let left = product();
    while (tokens[at] === '+' || tokens[at] === '-') left = tokens[at++] === '+' ? left + product() : left - product();
    return left;
  }
  const result = sum();
  return Number.isFinite(result) ? result : 0;
}
