package dev.keel.proofs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClaimsTest {

    @Test
    void eachItemGoesToExactlyOneClaimer(@TempDir Path tmp) throws Exception {
        Path dir = Claims.fresh(tmp.resolve("claims"));
        int items = 500;
        int claimers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        try {
            List<Future<boolean[]>> got = new ArrayList<>();
            for (int c = 0; c < claimers; c++) {
                Claims claims = new Claims(dir);
                Callable<boolean[]> walk = () -> {
                    boolean[] mine = new boolean[items];
                    for (int i = 0; i < items; i++) {
                        mine[i] = claims.claim(i);
                    }
                    return mine;
                };
                got.add(pool.submit(walk));
            }
            int[] owners = new int[items];
            for (Future<boolean[]> f : got) {
                boolean[] mine = f.get();
                for (int i = 0; i < items; i++) {
                    owners[i] += mine[i] ? 1 : 0;
                }
            }
            for (int i = 0; i < items; i++) {
                assertEquals(1, owners[i], "claimers of item " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFreshFolderForgetsTheLastRunsClaims(@TempDir Path tmp) throws Exception {
        Path dir = Claims.fresh(tmp.resolve("claims"));
        Claims claims = new Claims(dir);
        assertTrue(claims.claim(0));
        assertFalse(claims.claim(0));
        Claims.fresh(dir);
        assertTrue(Files.isDirectory(dir));
        assertTrue(new Claims(dir).claim(0));
    }
}
