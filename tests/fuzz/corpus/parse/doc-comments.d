/* a plain comment: not documentation */
/**
 * Provider text,
 *
 * two paragraphs.
 */
provider p {
	/** first, overridden */
	/**   the last one counts   */
	probe a(int n);
	/* plain */
	probe b();
	probe c(/** not a probe's */ int x);
	/***/
	probe d();
};
