package org.stationd.esl.sim.api;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** An api command that answers at once. */
public final class SyncApi implements ApiCommand {
    private final String name;
    private final Function<ApiRequest, String> body;

    public SyncApi(String name, Function<ApiRequest, String> body) {
        this.name = name;
        this.body = body;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<String> execute(ApiRequest request) {
        return CompletableFuture.completedFuture(body.apply(request));
    }
}
