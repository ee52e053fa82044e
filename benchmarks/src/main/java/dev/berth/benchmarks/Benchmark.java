package dev.berth.benchmarks;

import java.util.List;

/** One section of the report: it measures on the real parts and answers its figures. */
public interface Benchmark {

    /** Its name for {@code --only}, e.g. {@code reload}. */
    String name();

    /** The report's heading. */
    String title();

    /** What is measured and how, in a few sentences, for the reader of the report. */
    String method(Settings settings);

    List<Figure> run(Settings settings) throws Exception;
}
