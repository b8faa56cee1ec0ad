// Digits of pi for the classic `perl -Mbignum=bpi -wle 'print bpi(2000)'` Job: Machin's formula
// with BigInt, printed like Math::BigFloat with `n` significant digits (rounded).

export function piDigits(n: number): string {
  const guard = 10;
  const scale = 10n ** BigInt(n + guard);
  const arctanInv = (x: bigint): bigint => {
    let sum = 0n;
    let term = scale / x;
    const x2 = x * x;
    let k = 1n;
    let sign = 1n;
    while (term !== 0n) {
      sum += (sign * term) / k;
      term /= x2;
      k += 2n;
      sign = -sign;
    }
    return sum;
  };
  const pi = 4n * (4n * arctanInv(5n) - arctanInv(239n));
  // pi * 10^(n+guard); keep n significant digits (1 before the point), round half up.
  const div = 10n ** BigInt(guard + 1);
  let digits = pi / div;
  if ((pi % div) * 2n >= div) digits += 1n;
  const s = digits.toString();
  return `${s[0]}.${s.slice(1)}`;
}
