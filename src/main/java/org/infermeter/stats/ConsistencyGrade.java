package org.infermeter.stats;

/**
 * How predictable a cell's TTFT is, graded from its CV% (stddev / mean of TTFT). The grade measures
 * spread relative to the mean and nothing about shape: it assumes, as in the consistency study, that a
 * high CV comes from a warm mode plus a tail of slow requests (cold starts, queueing), but a high CV
 * does not prove a second mode (a lognormal with sigma &gt; 0.83 has CV &gt; 100% and one mode); the
 * {@link ColdStartClassifier} looks at the shape. From n requests the CV cannot exceed sqrt(n) (866%
 * at n = 75). Bands, with the reason for each edge taken from the consistency study
 * (seeds/consistency-study.txt):
 * <ul>
 *   <li>A, CV &lt; 30%: very consistent; the study's best-supported cell (DeepSeek V4 Pro, provider A)
 *       had 21%, which is the spread of warm replicas alone;</li>
 *   <li>B, 30% &le; CV &lt; 60%: consistent; warm, with some queueing;</li>
 *   <li>C, 60% &le; CV &lt; 100%: variable; frequent slow requests, but stddev still below the mean;</li>
 *   <li>D, 100% &le; CV &lt; 300%: erratic; stddev above the mean (in the study: warm requests plus a tail), and the
 *       102% cell (Kimi K2.6, provider B) had rare outliers (p95 1.08 s on a 0.25 s median);</li>
 *   <li>F, CV &ge; 300%: a long tail of cold starts; every such cell in the study (541%, 710%,
 *       989%, 1266%) had p95 many times the median.</li>
 * </ul>
 */
public enum ConsistencyGrade {
    A("very consistent", 30),
    B("consistent", 60),
    C("variable", 100),
    D("erratic", 300),
    F("long tail: cold starts", Double.POSITIVE_INFINITY);

    private final String label;
    private final double cvPctBelow;

    ConsistencyGrade(String label, double cvPctBelow) {
        this.label = label;
        this.cvPctBelow = cvPctBelow;
    }

    /** Human words for the grade, e.g. "very consistent". */
    public String label() {
        return label;
    }

    /** The grade holds CV% values strictly below this bound (and at or above the previous grade's). */
    public double cvPctBelow() {
        return cvPctBelow;
    }

    /** The grade for a CV% value. */
    public static ConsistencyGrade ofCvPct(double cvPct) {
        if (!Double.isFinite(cvPct) || cvPct < 0) {
            throw new IllegalArgumentException("CV% must be a finite number >= 0: " + cvPct);
        }
        for (ConsistencyGrade grade : values()) {
            if (cvPct < grade.cvPctBelow) {
                return grade;
            }
        }
        return F;
    }
}
