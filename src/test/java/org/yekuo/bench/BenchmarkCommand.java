package org.yekuo.bench;

import org.junit.jupiter.api.Test;

/**
 * Entry point of {@code ./mvnw -o -Pbench test}: the full benchmark as one JUnit run, so it needs no
 * plugin beyond surefire. It asserts nothing; the figures are in the table it prints and in the JSON file.
 */
class BenchmarkCommand {

    @Test
    void run() throws Exception {
        Benchmark.main(new String[0]);
    }
}
