using Microsoft.AspNetCore.Http;
using PodIdentity.Emulator.Admin;
using PodIdentity.Emulator.Auth;
using PodIdentity.Emulator.Eks;
using PodIdentity.Emulator.EksAuth;
using PodIdentity.Emulator.Iam;
using PodIdentity.Emulator.Protocol;
using PodIdentity.Emulator.Sts;

namespace PodIdentity.Emulator.Hosting;

/// <summary>
/// The one request entry point: admin API, otherwise SigV4 and routing by the credential scope's service.
/// Nothing a client sends can end the process; unexpected exceptions become 500 answers.
/// </summary>
internal sealed class RequestDispatcher(EmulatorContext context)
{
    private const string IamNamespace = "https://iam.amazonaws.com/doc/2010-05-08/";
    private readonly CredentialResolver _credentials = new(context);
    private int _undeclaredErrors;

    /// <summary>Errors a handler answered with that its route does not declare (tests expect zero).</summary>
    public int UndeclaredErrors => Volatile.Read(ref _undeclaredErrors);

    public async Task HandleAsync(HttpContext http)
    {
        var requestId = Guid.NewGuid().ToString();
        http.Response.Headers["x-amzn-RequestId"] = requestId;
        try
        {
            await DispatchAsync(http, requestId);
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"aws-emulator: request {requestId} failed: {e}");
            if (!http.Response.HasStarted)
            {
                http.Response.Headers.Clear();
                http.Response.Headers["x-amzn-RequestId"] = requestId;
                await EksJsonResponse.WriteErrorAsync(http.Response,
                    new AwsError("ServerException", 500, "An internal error occurred."));
            }
        }
    }

    private async Task DispatchAsync(HttpContext http, string requestId)
    {
        var (rawPath, rawQuery) = WireRequest.Target(http);
        var body = await WireRequest.ReadBodyAsync(http.Request, EmulatorOptions.MaxBodyBytes);
        if (rawPath == AdminApi.Prefix || rawPath.StartsWith(AdminApi.Prefix + "/", StringComparison.Ordinal))
        {
            if (body is null)
            {
                await EksJsonResponse.WriteErrorAsync(http.Response, TooLarge());
                return;
            }
            await AdminApi.HandleAsync(http, context, rawPath, body);
            return;
        }

        var scope = SigV4Verifier.Parse(http.Request.Headers.Authorization.ToString());
        var service = scope?.Service ?? GuessService(http, body, rawQuery);
        if (body is null)
        {
            await WriteErrorAsync(http, service, TooLarge(), requestId);
            return;
        }
        var signed = WireRequest.ToSigned(http, rawPath, rawQuery, body);
        switch (service)
        {
            case "eks":
                await HandleEksAsync(http, signed);
                break;
            case EksAuthApi.Service:
                await HandleEksAuthAsync(http, signed);
                break;
            case "iam":
            case "sts":
                await HandleQueryAsync(http, signed, service, requestId);
                break;
            default:
                await EksJsonResponse.WriteErrorAsync(http.Response, new AwsError("InvalidSignatureException", 403,
                    $"Credential should be scoped to correct service: '{service}' is not served here (eks, eks-auth, iam, sts)."));
                break;
        }
    }

    private async Task HandleEksAsync(HttpContext http, SignedRequest request)
    {
        if (!TryAuthenticate(request, restJson: true, out var verified, out var authError))
        {
            await EksJsonResponse.WriteErrorAsync(http.Response, authError);
            return;
        }
        var route = EksRoutes.Match(request.Method, WireRequest.Segments(request.RawPath), out var labels);
        if (route is null)
        {
            await EksJsonResponse.WriteErrorAsync(http.Response,
                new AwsError("UnknownOperationException", 404, $"No operation matches {request.Method} {request.RawPath}"));
            return;
        }
        if (await ApplyFaultsAsync(http, "eks", route.Operation, verified) is { } fault)
        {
            await EksJsonResponse.WriteErrorAsync(http.Response, fault);
            return;
        }
        try
        {
            var call = new EksCall(route, context, verified.Region, labels, WireRequest.Query(request.RawQuery),
                EksBody.Parse(request, route));
            await EksJsonResponse.WriteAsync(http.Response, route.Handler(call));
        }
        catch (AwsError e)
        {
            if (!route.Errors.Contains(e.Code))
            {
                Interlocked.Increment(ref _undeclaredErrors);
                await Console.Error.WriteLineAsync($"aws-emulator: {route.Operation} answered undeclared error {e.Code}");
            }
            await EksJsonResponse.WriteErrorAsync(http.Response, e);
        }
    }

    private async Task HandleQueryAsync(HttpContext http, SignedRequest request, string service, string requestId)
    {
        var ns = service == "sts" ? StsOperations.Namespace : IamNamespace;
        var form = QueryRequest.Parse(request.Body.Span, request.RawQuery);
        var action = form.Action;
        // AssumeRoleWithWebIdentity is unsigned in AWS: the token it carries is the credential.
        var unsigned = service == "sts" && action is not null && StsOperations.Unsigned.Contains(action)
            && !request.Headers.ContainsKey("authorization");
        VerifiedSignature? verified = null;
        if (!unsigned)
        {
            if (!TryAuthenticate(request, restJson: false, out var signature, out var authError))
            {
                await QueryXmlResponse.WriteErrorAsync(http.Response, ns, authError, requestId);
                return;
            }
            verified = signature;
        }
        var actions = service == "sts" ? StsOperations.Actions : RoleOperations.Actions;
        if (action is null || !actions.TryGetValue(action, out var handler))
        {
            var error = action is null
                ? new AwsError("MissingAction", 400, "Missing Action")
                : new AwsError("InvalidAction", 400, $"Could not find operation {action} for version {form.Get("Version")}");
            await QueryXmlResponse.WriteErrorAsync(http.Response, ns, error, requestId);
            return;
        }
        if (await ApplyFaultsAsync(http, service, action, verified) is { } fault)
        {
            await QueryXmlResponse.WriteErrorAsync(http.Response, ns, fault, requestId);
            return;
        }
        try
        {
            var caller = verified is null ? null : _credentials.Caller(verified.AccessKeyId);
            var result = handler(new QueryCall(context, form, caller, context.Now));
            await QueryXmlResponse.WriteResultAsync(http.Response, ns, action, result, requestId);
        }
        catch (AwsError e)
        {
            await QueryXmlResponse.WriteErrorAsync(http.Response, ns, e, requestId);
        }
    }

    private async Task HandleEksAuthAsync(HttpContext http, SignedRequest request)
    {
        if (!TryAuthenticate(request, restJson: true, out var verified, out var authError))
        {
            await EksJsonResponse.WriteErrorAsync(http.Response, authError);
            return;
        }
        var clusterName = EksAuthApi.ClusterName(request.Method, WireRequest.Segments(request.RawPath));
        if (clusterName is null)
        {
            await EksJsonResponse.WriteErrorAsync(http.Response,
                new AwsError("UnknownOperationException", 404, $"No operation matches {request.Method} {request.RawPath}"));
            return;
        }
        if (await ApplyFaultsAsync(http, EksAuthApi.Service, EksAuthApi.Operation, verified) is { } fault)
        {
            await EksJsonResponse.WriteErrorAsync(http.Response, fault);
            return;
        }
        try
        {
            await EksJsonResponse.WriteAsync(http.Response, EksAuthApi.Handle(context, verified.Region, clusterName, request.Body));
        }
        catch (AwsError e)
        {
            if (!EksAuthApi.Errors.Contains(e.Code))
            {
                Interlocked.Increment(ref _undeclaredErrors);
                await Console.Error.WriteLineAsync($"aws-emulator: {EksAuthApi.Operation} answered undeclared error {e.Code}");
            }
            await EksJsonResponse.WriteErrorAsync(http.Response, e);
        }
    }

    private bool TryAuthenticate(SignedRequest request, bool restJson, out VerifiedSignature verified, out AwsError error)
    {
        try
        {
            verified = SigV4Verifier.Verify(request, _credentials.Secret, context.Now);
            error = null!;
            return true;
        }
        catch (AuthFailure failure)
        {
            verified = null!;
            error = AuthErrors.For(failure, restJson);
            return false;
        }
    }

    /// <summary>Logs the call with its caller, then applies latency and error faults; returns the injected error, if any.</summary>
    private async Task<AwsError?> ApplyFaultsAsync(HttpContext http, string service, string operation, VerifiedSignature? signer)
    {
        var callerArn = signer is null ? null : _credentials.Caller(signer.AccessKeyId).Arn;
        context.Calls.Record(new CallEntry(context.Now, service, operation, callerArn, signer?.AccessKeyId));
        var (latencyMs, error) = context.Faults.ForCall(service, operation);
        if (latencyMs > 0)
        {
            await Task.Delay(latencyMs, http.RequestAborted);
        }
        return error;
    }

    private async Task WriteErrorAsync(HttpContext http, string service, AwsError error, string requestId)
    {
        if (service is "eks" or EksAuthApi.Service)
        {
            await EksJsonResponse.WriteErrorAsync(http.Response, error);
        }
        else
        {
            await QueryXmlResponse.WriteErrorAsync(http.Response, service == "sts" ? StsOperations.Namespace : IamNamespace,
                error, requestId);
        }
    }

    /// <summary>Unsigned requests still get their own service's error shape: query-protocol bodies name an Action.</summary>
    private static string GuessService(HttpContext http, byte[]? body, string rawQuery)
    {
        var form = body is { Length: > 0 } && (http.Request.ContentType ?? "").Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            ? QueryRequest.Parse(body, "")
            : QueryRequest.Parse([], rawQuery);
        return form.Action switch
        {
            null => "eks",
            var a when StsOperations.Actions.ContainsKey(a) || a.StartsWith("Assume", StringComparison.Ordinal) => "sts",
            _ => "iam",
        };
    }

    private static AwsError TooLarge() =>
        new("RequestEntityTooLargeException", 413, $"Request body is larger than {EmulatorOptions.MaxBodyBytes} bytes.");
}
