/** Status classes, written once: the judge, the engines and the fronts' detection all ask them. */

/** A success (RFC 9110 §15.3). */
export const is2xx = (status: number): boolean => status >= 200 && status <= 299;

/** A client error (RFC 9110 §15.5). */
export const is4xx = (status: number): boolean => status >= 400 && status <= 499;
