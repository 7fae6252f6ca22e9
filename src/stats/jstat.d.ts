// The part of jStat (no published types) perfgate uses: Student's t distribution.
declare module 'jstat' {
  const jstat: { jStat: { studentt: { cdf(t: number, degreesOfFreedom: number): number } } };
  export default jstat;
}
