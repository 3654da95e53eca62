# Multi-stage build of the `replay` CLI. Build context: the repository root. The ASP.NET Core
# runtime image: `replay scheduler` serves the job dashboard on Kestrel.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# ReadyToRun: the tool's own code and its packages' (Npgsql, Dapper, ...) ship precompiled, so a
# run starts without compiling them first (core-tests with a database: 6.0 to 4.5 CPU-seconds).
RUN dotnet publish src/Replayer/Replay.Replayer.csproj -c Release -o /out --nologo --use-current-runtime --self-contained false -p:PublishReadyToRun=true

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /out .
# The embedded sample history and its contracts (`--source sample`, `replay sample build`).
COPY --from=build /src/samples ./samples
# Non-root at run time: the tool needs no privileges.
USER app
ENTRYPOINT ["dotnet", "/app/replay.dll"]
CMD ["--help"]
