/**
 * Checkable tasks (the quality probe): the versioned task sets shipped as resources, the generator that
 * wrote them, and the grader that turns an answer's text into a verdict. Depends on sample only.
 */
package org.infermeter.quality;
